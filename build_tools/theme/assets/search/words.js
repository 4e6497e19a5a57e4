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

    function stem(word) {
      if (NUMBER.test(word)) return word;
      var endings = tables.englishEndings, strips = 1, kazakh = false;
      for (var i = 0; i < word.length; i++) if (tables.kazakhLetters.indexOf(word[i]) >= 0) kazakh = true;
      if (kazakh) endings = tables.kazakhEndings;
      else if (CYRILLIC.test(word)) endings = tables.kazakhEndings.concat(tables.russianEndings);
      if (endings !== tables.englishEndings) strips = tables.maxStrips;
      var keep = Math.max(tables.minStem, Math.floor(word.length / 2));
      for (var n = 0; n < strips; n++) {
        var cut = "";
        for (var j = 0; j < endings.length; j++) {
          var e = endings[j];
          if (e.length > cut.length && word.length - e.length >= keep && word.slice(-e.length) === e) cut = e;
        }
        if (!cut) break;
        word = word.slice(0, -cut.length);
      }
      return word;
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
        out.push({ word: word, stem: typed(stem(cased)), prefix: word.length > 2 });
      });
      return out;
    }

    return { fold: fold, terms: terms, stem: stem, queryWords: queryWords };
  }

  if (typeof module === "object" && module.exports) module.exports = { make: make };
  else root.ArchiveSearchWords = { make: make };
})(this);
