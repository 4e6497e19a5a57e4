/* How text becomes search terms: the browser's half of build_tools/search/words.py.
 * The tables come from the generated manifest, so both halves share one set of data;
 * tests run both on tests/data/search_words.json. See words.py for the approach:
 * the index holds whole folded words, and only query words are cut into prefixes. */
(function (root) {
  "use strict";

  // Same patterns as words.py: a dotted number kept whole, or a run of letters and digits.
  var TOKEN = /[0-9]+(?:\.[0-9]+)+|[\p{L}\p{N}]+/gu;
  var ASTRAL = /[\u{10000}-\u{10FFFF}]/gu;
  var NUMBER = /^[0-9.]+$/;
  var CYRILLIC = /[\u0400-\u052f]/;

  function make(tables) {
    var latinToCyrillic = tables.latinToCyrillic;

    function script(ch) {
      var latin = (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") ||
        Object.prototype.hasOwnProperty.call(latinToCyrillic, ch);
      if (latin) return "latn";
      if (ch >= "\u0400" && ch <= "\u052f") return "cyrl";
      return null;
    }

    // Regular expressions, not loops over letters: the page folds every word of the results it
    // highlights, before its first results are drawn, while the page's scripts are still cold.
    function letters(list) { return list.replace(/[\\\]^-]/g, "\\$&"); }
    var LATIN = new RegExp("[A-Za-z" + letters(Object.keys(latinToCyrillic).join("")) + "]");
    var KAZAKH = new RegExp("[" + letters(tables.kazakhLetters) + "]", "g");
    var HAS_KAZAKH = new RegExp("[" + letters(tables.kazakhLetters) + "]");
    var plain = {};
    for (var k = 0; k < tables.kazakhLetters.length; k++) plain[tables.kazakhLetters[k]] = tables.russianKeyboard[k];

    // Kazakh letters as a Russian keyboard types them.
    function typed(word) { return word.replace(KAZAKH, function (ch) { return plain[ch]; }); }

    function fold(word) { return typed(lowered(word)); }

    function lowered(word) {
      if (LATIN.test(word) && CYRILLIC.test(word)) {
        var cyrillic = 0, latin = 0, i, s;
        for (i = 0; i < word.length; i++) {
          s = script(word[i]);
          if (s === "cyrl") cyrillic++;
          else if (s === "latn") latin++;
        }
        if (cyrillic >= latin) {
          var out = "";
          for (i = 0; i < word.length; i++) out += latinToCyrillic[word[i]] || word[i];
          word = out;
        }
      }
      return word.toLowerCase().replace(/ё/g, "е");
    }

    function tokens(text) {
      return text.normalize("NFC").replace(ASTRAL, " ").match(TOKEN) || [];
    }

    function terms(text) { return tokens(text).map(fold); }

    // The stems of a lowered word, each with the language whose endings may follow it (see
    // words.py `stems`): less one to maxStrips Kazakh endings, or one Russian or English one.
    function stems(word) {
      if (NUMBER.test(word)) return [];
      var keep = Math.max(tables.minStem, Math.floor(word.length / 2)), found = [], seen = {};
      function add(stem, language) {
        if (seen[stem + " " + language]) return false;
        seen[stem + " " + language] = true;
        found.push([stem, language]);
        return true;
      }
      function cut(current, endings) {
        return endings.filter(function (e) {
          return current.length - e.length >= keep && current.slice(-e.length) === e;
        }).map(function (e) { return current.slice(0, -e.length); });
      }
      if (!CYRILLIC.test(word)) {
        cut(word, tables.englishEndings).forEach(function (s) { add(s, "en"); });
      } else {
        if (!HAS_KAZAKH.test(word)) cut(word, tables.russianEndings).forEach(function (s) { add(s, "ru"); });
        var last = [word];
        for (var n = 0; n < tables.maxStrips; n++) {
          var next = [];
          last.forEach(function (current) {
            cut(current, tables.kazakhEndings).forEach(function (s) { if (add(s, "kk")) next.push(s); });
          });
          last = next;
        }
      }
      return found.sort(function (a, b) {
        return b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
      });
    }

    function isLabel(word) { return tables.labels.indexOf(word) >= 0; }

    // Without UDC labels beside other words (`УДК 327.8` searches for `327.8`); each word
    // stemmed before its Kazakh letters are folded.
    function queryWords(query) {
      var seen = {}, out = [], found = tokens(query).map(lowered);
      var others = found.some(function (word) { return !isLabel(typed(word)); });
      found.forEach(function (cased) {
        var word = typed(cased);
        if (Object.prototype.hasOwnProperty.call(seen, word) || (others && isLabel(word))) return;
        seen[word] = true;
        var cut = stems(cased).map(function (s) { return [typed(s[0]), s[1]]; }), shortest = word;
        cut.forEach(function (s) { if (s[0].length < shortest.length) shortest = s[0]; });
        out.push({ word: word, stem: shortest, prefix: word.length > 2, stems: cut });
      });
      return out;
    }

    var ENDINGS = { kk: {}, ru: {}, en: {} }, longest = 0;
    tables.kazakhEndings.forEach(function (e) { ENDINGS.kk[typed(e)] = true; longest = Math.max(longest, e.length); });
    tables.russianEndings.forEach(function (e) { ENDINGS.ru[e] = true; });
    tables.englishEndings.forEach(function (e) { ENDINGS.en[e] = true; });

    // Whether `rest` is at most `depth` folded Kazakh endings in a row.
    function kazakhEndings(rest, depth) {
      if (!rest) return true;
      if (!depth) return false;
      for (var n = 1; n <= Math.min(rest.length, longest); n++) {
        if (ENDINGS.kk[rest.slice(0, n)] === true && kazakhEndings(rest.slice(n), depth - 1)) return true;
      }
      return false;
    }

    // Whether the query word `q` finds the index's folded `term` (words.py `matches`).
    function matches(q, term) {
      if (term === q.word) return true;
      if (!q.prefix || term.lastIndexOf(q.stem, 0) !== 0) return false;
      if (term.lastIndexOf(q.word, 0) === 0) return true;
      for (var i = 0; i < q.stems.length; i++) {
        var s = q.stems[i][0], language = q.stems[i][1];
        if (term.lastIndexOf(s, 0) !== 0) continue;
        var rest = term.slice(s.length);
        if (s.length >= tables.openStem || !rest) return true;
        if (language === "kk" ? kazakhEndings(rest, tables.maxStrips) : ENDINGS[language][rest] === true) return true;
      }
      return false;
    }

    return { fold: fold, terms: terms, queryWords: queryWords, matches: matches };
  }

  if (typeof module === "object" && module.exports) module.exports = { make: make };
  else root.ArchiveSearchWords = { make: make };
})(this);
