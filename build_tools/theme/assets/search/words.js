/* How text becomes search terms: the browser's half of build_tools/search/words.py.
 * The tables come from the generated manifest, so both halves share one set of data;
 * tests run both on tests/data/search_words.json. See words.py for the approach:
 * the index holds whole folded words, and only query words are cut into stems. */
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

    // The Kazakh endings a Cyrillic word without Kazakh letters may lose: also as typed without
    // their Kazakh letters (`ди` for `ді`).
    var TYPED_WITHOUT_KAZAKH = tables.kazakhEndings.concat(tables.kazakhEndings.map(typed));

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

    // The stems of a lowered word by the number of endings cut (words.py `stems`): one to
    // maxStrips Kazakh endings, or one Russian ending, or one English ending.
    function stems(word) {
      if (NUMBER.test(word)) return [];
      var keep = Math.max(tables.minStem, Math.floor(word.length / 2));
      function cut(words, endings) {
        var out = Object.create(null);
        words.forEach(function (w) {
          endings.forEach(function (e) {
            if (w.length - e.length >= keep && w.slice(-e.length) === e) out[w.slice(0, -e.length)] = true;
          });
        });
        return Object.keys(out);
      }
      function sorted(list) { return list.slice().sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; }); }
      function stacked(endings) {
        var levels = [], found = Object.create(null), last = [word];
        while (levels.length < tables.maxStrips) {
          last = cut(last, endings).filter(function (stem) { return !found[stem]; });
          if (!last.length) break;
          last.forEach(function (stem) { found[stem] = true; });
          levels.push(last);
        }
        return levels;
      }
      if (!CYRILLIC.test(word)) {
        var first = cut([word], tables.englishEndings);
        return first.length ? [sorted(first)] : [];
      }
      if (HAS_KAZAKH.test(word)) return stacked(tables.kazakhEndings).map(sorted);
      // A word without Kazakh letters is Russian or Kazakh typed without them.
      var levels = stacked(TYPED_WITHOUT_KAZAKH);
      if (!levels.length) levels = [[]];
      cut([word], tables.russianEndings).forEach(function (stem) { if (levels[0].indexOf(stem) < 0) levels[0].push(stem); });
      // A loanword with Kazakh endings it shares with words typed without them loses a Russian
      // one too, from a long stem.
      var shared = [];
      stacked(tables.kazakhEndings).forEach(function (level) {
        level.forEach(function (stem) { if (stem.length >= tables.openStem) shared.push(stem); });
      });
      var seen = Object.create(null);
      levels.forEach(function (level) { level.forEach(function (stem) { seen[stem] = true; }); });
      levels.push(cut(shared, tables.russianEndings).filter(function (stem) { return !seen[stem]; }));
      return levels.filter(function (level) { return level.length; }).map(sorted);
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
        var levels = stems(cased).map(function (level) { return level.map(typed); }), cut = [], shortest = word;
        levels.forEach(function (level) { level.forEach(function (s) { if (cut.indexOf(s) < 0) cut.push(s); }); });
        cut.forEach(function (s) { if (s.length < shortest.length) shortest = s; });
        var open = levels.length ? levels[0].filter(function (s) { return s.length >= tables.openStem; }) : [];
        out.push({ word: word, stem: shortest, prefix: word.length > 2, stems: cut, open: open });
      });
      return out;
    }

    var KAZAKH_ENDINGS = {}, RUSSIAN_ENDINGS = {}, ENGLISH_ENDINGS = {}, longest = 0;
    tables.kazakhEndings.forEach(function (e) { KAZAKH_ENDINGS[typed(e)] = true; longest = Math.max(longest, e.length); });
    tables.russianEndings.forEach(function (e) { RUSSIAN_ENDINGS[e] = true; });
    tables.englishEndings.forEach(function (e) { ENGLISH_ENDINGS[e] = true; });

    // Whether `rest` is at most `depth` folded Kazakh endings in a row.
    function kazakhEndings(rest, depth) {
      if (!rest) return true;
      if (!depth) return false;
      for (var n = 1; n <= Math.min(rest.length, longest); n++) {
        if (KAZAKH_ENDINGS[rest.slice(0, n)] === true && kazakhEndings(rest.slice(n), depth - 1)) return true;
      }
      return false;
    }

    // Whether `rest` may follow a stem (words.py `_endings`).
    function endings(rest, cyrillic) {
      if (!rest) return true;
      if (cyrillic) return kazakhEndings(rest, tables.maxStrips) || RUSSIAN_ENDINGS[rest] === true;
      return ENGLISH_ENDINGS[rest] === true;
    }

    // Whether the query word `q` finds the index's folded `term` (words.py `matches`).
    function matches(q, term) {
      if (term === q.word) return true;
      if (!q.prefix || term.lastIndexOf(q.stem, 0) !== 0) return false;
      if (term.lastIndexOf(q.word, 0) === 0) return true;
      if (q.open.some(function (s) { return term.lastIndexOf(s, 0) === 0; })) return true;
      var cyrillic = CYRILLIC.test(q.word);
      return q.stems.some(function (s) {
        return term.lastIndexOf(s, 0) === 0 && endings(term.slice(s.length), cyrillic);
      });
    }

    return { fold: fold, terms: terms, queryWords: queryWords, matches: matches };
  }

  if (typeof module === "object" && module.exports) module.exports = { make: make };
  else root.ArchiveSearchWords = { make: make };
})(this);
