/* The archive's search page. The index is prebuilt (build_tools/search/) and cut into
 * script files that call archiveSearch.receive(name, data); they are loaded by adding
 * <script> elements, never with fetch, so the page works over http and from file://.
 *
 * A query is answered in two steps: first from the metadata shards (titles, people,
 * keywords, UDC, abstracts), which are small; then from the full-text shards, whose
 * matches are added below. Each step loads only the shards its words fall in. */
(function () {
  "use strict";

  var STRINGS = {
    en: {
      results: function (n, q) { return n === 1 ? "1 paper found for “" + q + "”" : n + " papers found for “" + q + "”"; },
      searching: "Searching…", fullText: "Searching the full texts…",
      none: function (q) { return "No paper found for “" + q + "”."; },
      hint: "Check the spelling, try fewer words or the start of a word, or clear the filters. Names can be typed in Latin or Cyrillic letters.",
      empty: "Type a word of a title, a name, a keyword or a UDC number in the search box above.",
      more: "Show more results", inText: "found in the full text", failed: "The search index could not be loaded.",
      language: "Language", volume: "Volume", udc: "UDC class", all: "All",
    },
    ru: {
      results: function (n, q) { return "Найдено статей по запросу «" + q + "»: " + n; },
      searching: "Поиск…", fullText: "Поиск по полным текстам…",
      none: function (q) { return "По запросу «" + q + "» ничего не найдено."; },
      hint: "Проверьте написание, уберите лишние слова или оставьте начало слова, сбросьте фильтры. Имена можно вводить латиницей или кириллицей.",
      empty: "Введите в поле поиска вверху слово из названия, имя, ключевое слово или индекс УДК.",
      more: "Показать ещё", inText: "найдено в полном тексте", failed: "Не удалось загрузить поисковый индекс.",
      language: "Язык", volume: "Сборник", udc: "Раздел УДК", all: "Все",
    },
    kk: {
      results: function (n, q) { return "«" + q + "» сұрауы бойынша табылған мақалалар: " + n; },
      searching: "Іздеу…", fullText: "Толық мәтіндерден іздеу…",
      none: function (q) { return "«" + q + "» сұрауы бойынша ештеңе табылмады."; },
      hint: "Жазылуын тексеріңіз, артық сөздерді алып тастаңыз немесе сөздің басын ғана жазыңыз, сүзгілерді тазалаңыз. Есімдерді латын немесе кирилл әріптерімен жазуға болады.",
      empty: "Жоғарыдағы іздеу жолына тақырыптан сөз, есім, кілт сөз немесе ӘОЖ индексін жазыңыз.",
      more: "Тағы көрсету", inText: "толық мәтіннен табылды", failed: "Іздеу индексі жүктелмеді.",
      language: "Тіл", volume: "Жинақ", udc: "ӘОЖ бөлімі", all: "Барлығы",
    },
  };
  var LANGUAGE_NAMES = { kk: "Қазақша", ru: "Русский", en: "English" };
  var PAGE = 20;

  var loaded = {}, waiting = {}, indexes = {};
  var manifest = null, words = null, base = "";

  window.archiveSearch = {
    // `json` is parsed here, on arrival: JSON.parse on a string is far quicker than a script
    // holding the same data as an object literal.
    receive: function (name, json) {
      var data = JSON.parse(json);
      loaded[name] = data;
      // The manifest is the page's last search script, after the results' place: start the
      // query from the address now, while the theme's own scripts are still loading.
      if (name === "manifest") start();
      (waiting[name] || []).forEach(function (w) { w.resolve(data); });
      delete waiting[name];
    },
  };

  function load(name) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    return new Promise(function (resolve, reject) {
      if (!waiting[name]) {
        waiting[name] = [];
        var script = document.createElement("script");
        script.src = base + name + ".js?v=" + manifest.version;
        script.onerror = function () {
          (waiting[name] || []).forEach(function (w) { w.reject(new Error(name)); });
          delete waiting[name];
        };
        document.head.appendChild(script);
      }
      waiting[name].push({ resolve: resolve, reject: reject });
    });
  }

  function pause() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }

  // The shards of `kind` whose term ranges meet [from, to].
  function shardsBetween(kind, from, to) {
    var starts = manifest[kind].starts, out = [];
    for (var i = 0; i < starts.length; i++) {
      var end = i + 1 < starts.length ? starts[i + 1] : null;
      if (starts[i] <= to && (end === null || end > from)) out.push(kind + "/" + i);
    }
    if (!out.length && starts.length) out.push(kind + "/0");
    return out;
  }

  function shardsFor(kind, w) {
    return w.prefix ? shardsBetween(kind, w.stem, w.stem + "\uffff") : shardsBetween(kind, w.word, w.word);
  }

  function index(name) {
    if (!indexes[name]) indexes[name] = lunr.Index.load(loaded[name]);
    return indexes[name];
  }

  // Scores by ref of the papers matching one query word in the shards of `kind`:
  // the whole word (boosted) or, for words of three letters or more, its stem as a prefix.
  async function matchWord(kind, w, current) {
    var names = shardsFor(kind, w), scores = {};
    await Promise.all(names.map(load));
    for (var i = 0; i < names.length; i++) {
      if (current !== generation) return null;
      index(names[i]).query(function (q) {
        if (w.prefix) q.term(w.stem, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        q.term(w.word, { usePipeline: false, boost: 10 });
      }).forEach(function (r) { scores[r.ref] = Math.max(scores[r.ref] || 0, r.score); });
      await pause();
    }
    return scores;
  }

  async function matchAll(kind, ws, current) {
    var per = await Promise.all(ws.map(function (w) { return matchWord(kind, w, current); }));
    return per.indexOf(null) >= 0 ? null : per;
  }

  // Papers matching every word (each in any field): refs by descending score.
  function every(perWord) {
    var total = {};
    Object.keys(perWord[0]).forEach(function (ref) {
      var sum = 0;
      for (var i = 0; i < perWord.length; i++) {
        if (!(ref in perWord[i])) return;
        sum += perWord[i][ref];
      }
      total[ref] = sum;
    });
    return Object.keys(total).sort(function (a, b) { return total[b] - total[a] || a - b; });
  }

  // ---------------------------------------------------------------- the page

  var ui = {}, strings = STRINGS.en, udcLabel = "UDC", generation = 0, state = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Text with each word that the query finds wrapped in <mark>; built as nodes, never as HTML.
  function highlighted(text, ws) {
    var out = document.createDocumentFragment(), last = 0;
    var pattern = /[0-9]+(?:\.[0-9]+)+|[\p{L}\p{N}]+/gu, match;
    while ((match = pattern.exec(text))) {
      var folded = words.fold(match[0]);
      var hit = ws.some(function (w) { return folded === w.word || (w.prefix && folded.indexOf(w.stem) === 0); });
      if (!hit) continue;
      out.appendChild(document.createTextNode(text.slice(last, match.index)));
      out.appendChild(el("mark", "", match[0]));
      last = match.index + match[0].length;
    }
    out.appendChild(document.createTextNode(text.slice(last)));
    return out;
  }

  function paperUrl(id) {
    // From disk a folder URL shows a file listing, not the page.
    return "../" + encodeURIComponent(id) + "/" + (location.protocol === "file:" ? "index.html" : "");
  }

  // The papers of `refs` the filters keep; each paper's values come with search/facets.js,
  // which is loaded only once a filter is set.
  async function filtered(refs) {
    var f = state.filters;
    if (!f.language && !f.volume && !f.udc) return refs;
    var facets = await load("facets");
    return refs.filter(function (ref) {
      if (f.language && facets.language[ref] !== f.language) return false;
      if (f.volume && manifest.volumes[facets.volume[ref]].id !== f.volume) return false;
      if (f.udc && !facets.udc[ref].split(" ").some(function (m) { return m.indexOf(f.udc) === 0; })) return false;
      return true;
    });
  }

  function chunkOf(ref) { return "docs/" + Math.floor(ref / manifest.papersPerChunk); }

  function record(ref) { return loaded[chunkOf(ref)][ref % manifest.papersPerChunk]; }

  // Shows the results as the groups of records they need arrive, best first, so the first
  // result waits for one small file, not twenty.
  async function render(current) {
    var refs = await filtered(state.refs);
    if (current !== generation) return;
    var shown = refs.slice(0, state.shown);
    var names = [];
    shown.forEach(function (ref) { if (names.indexOf(chunkOf(ref)) < 0) names.push(chunkOf(ref)); });
    var pending = names.map(load), drawn = -1;
    for (var i = 0; i <= pending.length; i++) {
      if (i > 0) await pending[i - 1];
      if (current !== generation) return;
      var ready = 0;
      while (ready < shown.length && loaded[chunkOf(shown[ready])]) ready++;
      if (ready > drawn) draw(refs, shown.slice(0, ready), ready === shown.length);
      drawn = ready;
    }
  }

  function draw(refs, shown, complete) {
    var list = el("ol", "archive-search__list");
    shown.forEach(function (ref) {
      var r = record(ref), item = el("li", "archive-search__item");
      var link = el("a", "archive-search__title");
      link.href = paperUrl(r.id);
      link.appendChild(highlighted(r.title, state.words));
      item.appendChild(link);
      r.titles.forEach(function (t) { item.appendChild(el("div", "archive-search__translation")).appendChild(highlighted(t, state.words)); });
      var meta = [r.authors.join(", "), String(r.year), LANGUAGE_NAMES[r.language] || r.language];
      if (r.udc.length) meta.push(udcLabel + " " + r.udc.join(", "));
      item.appendChild(el("div", "archive-search__meta")).appendChild(highlighted(meta.join(" · "), state.words));
      if (r.snippet) item.appendChild(el("p", "archive-search__snippet")).appendChild(highlighted(r.snippet, state.words));
      if (!state.metaRefs[ref]) item.appendChild(el("div", "archive-search__where", strings.inText));
      list.appendChild(item);
    });
    // A redraw (full-text matches arriving) keeps a keyboard user on the result they were on.
    var focused = ui.results.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
    ui.results.replaceChildren(list);
    var again = focused && list.querySelector('a[href="' + CSS.escape(focused) + '"]');
    if (again) again.focus();
    ui.more.hidden = !complete || refs.length <= shown.length;
    ui.hint.hidden = refs.length > 0 || state.busy;
    var status = state.busy && !refs.length ? strings.fullText
      : refs.length ? strings.results(refs.length, state.query) : strings.none(state.query);
    if (state.busy && refs.length) status += " " + strings.fullText;
    ui.status.textContent = status;
    ui.results.setAttribute("aria-busy", state.busy || !complete ? "true" : "false");
  }

  async function search(query) {
    var current = ++generation;
    var ws = words.queryWords(query);
    writeUrl(query);
    if (!ws.length) {
      state = null;
      ui.results.replaceChildren();
      ui.more.hidden = true;
      ui.hint.hidden = true;
      ui.status.textContent = strings.empty;
      ui.results.setAttribute("aria-busy", "false");
      return;
    }
    state = { query: query.trim(), words: ws, refs: [], metaRefs: {}, shown: PAGE, busy: true, filters: readFilters() };
    ui.status.textContent = strings.searching;
    ui.results.setAttribute("aria-busy", "true");
    try {
      var meta = await matchAll("meta", ws, current);
      if (!meta || current !== generation) return;
      state.refs = every(meta);
      state.refs.forEach(function (ref) { state.metaRefs[ref] = true; });
      await render(current);
      var full = await matchAll("full", ws, current);
      if (!full || current !== generation) return;
      // A word may match in the metadata or in the text: merge per word, then require every word.
      var merged = ws.map(function (_, i) {
        var scores = Object.assign({}, full[i]);
        Object.keys(meta[i]).forEach(function (ref) { scores[ref] = (scores[ref] || 0) + meta[i][ref]; });
        return scores;
      });
      // The first results keep their place; the papers found through the text follow.
      var more = every(merged).filter(function (ref) { return !state.metaRefs[ref]; });
      state.refs = state.refs.concat(more);
      state.busy = false;
      await render(current);
    } catch (error) {
      if (current !== generation) return;
      ui.status.textContent = strings.failed;
      ui.results.setAttribute("aria-busy", "false");
    }
  }

  function readFilters() {
    return { language: ui.language.value, volume: ui.volume.value, udc: ui.udc.value };
  }

  function writeUrl(query) {
    var params = new URLSearchParams();
    if (query.trim()) params.set("q", query.trim());
    var f = readFilters();
    Object.keys(f).forEach(function (k) { if (f[k]) params.set(k, f[k]); });
    var search = params.toString();
    try {
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    } catch (error) {
      // Some browsers refuse to change the address of a page opened from disk; the search still works.
    }
  }

  function fillSelect(select, options, chosen) {
    select.appendChild(el("option", "", strings.all)).value = "";
    options.forEach(function (o) {
      var option = el("option", "", o.label);
      option.value = o.value;
      option.selected = o.value === chosen;
      select.appendChild(option);
    });
  }

  function start() {
    var root = document.getElementById("archive-search");
    var input = document.getElementById("archive-search-input");
    if (!root || !input || !window.lunr || !window.ArchiveSearchWords) return;
    manifest = loaded.manifest;
    var lang = (document.documentElement.lang || "en").slice(0, 2);
    strings = STRINGS[lang] || STRINGS.en;
    ui.status = root.querySelector(".archive-search__status");
    ui.results = root.querySelector(".archive-search__results");
    ui.hint = root.querySelector(".archive-search__hint");
    ui.more = root.querySelector(".archive-search__more");
    ui.language = root.querySelector("select[name=language]");
    ui.volume = root.querySelector("select[name=volume]");
    ui.udc = root.querySelector("select[name=udc]");
    // Only here: on other pages the results list it names does not exist (axe: aria-valid-attr-value).
    input.setAttribute("aria-controls", "archive-search-results");
    base = root.getAttribute("data-search-base");
    words = ArchiveSearchWords.make(manifest.words);
    var params = new URLSearchParams(location.search);
    udcLabel = { en: "UDC", ru: "УДК", kk: "ӘОЖ" }[lang] || "UDC";
    fillSelect(ui.language, manifest.languages.map(function (l) { return { value: l, label: LANGUAGE_NAMES[l] || l }; }), params.get("language"));
    fillSelect(ui.volume, manifest.volumes.map(function (v) { return { value: v.id, label: v.year + " — " + v.title }; }), params.get("volume"));
    fillSelect(ui.udc, manifest.classes.map(function (c) {
      var caption = c.caption[lang] || c.caption.en;
      return { value: c.code, label: c.code + (caption ? " " + caption : "") };
    }), params.get("udc"));
    root.querySelectorAll("[data-label]").forEach(function (span) { span.textContent = strings[span.getAttribute("data-label")]; });
    ui.hint.textContent = strings.hint;
    ui.more.textContent = strings.more;

    var timer = null;
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      search(input.value);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value); }, 150);
    });
    [ui.language, ui.volume, ui.udc].forEach(function (select) {
      select.addEventListener("change", function () {
        writeUrl(input.value);
        if (!state) return;
        state.filters = readFilters();
        state.shown = PAGE;
        render(generation);
      });
    });
    ui.more.addEventListener("click", function () {
      state.shown += PAGE;
      render(generation);
    });
    input.value = params.get("q") || "";
    search(input.value);
  }

  // Without the manifest (a folder copied in part), say so instead of waiting for ever.
  document.addEventListener("DOMContentLoaded", function () {
    var status = document.querySelector("#archive-search .archive-search__status");
    if (loaded.manifest || !status) return;
    var lang = (document.documentElement.lang || "en").slice(0, 2);
    status.textContent = (STRINGS[lang] || STRINGS.en).failed;
    document.querySelector("#archive-search .archive-search__results").setAttribute("aria-busy", "false");
  });
})();
