/* The archive's search page. The index is prebuilt (build_tools/search/) and cut into
 * script files that call archiveSearch.receive(name, data); they are loaded by adding
 * <script> elements, never with fetch, so the page works over http and from file://.
 *
 * A query is answered in two steps: first from the metadata shards (titles, people,
 * keywords, UDC, abstracts), which are small; then from the full-text shards, whose
 * matches are added below. Each step loads only the shards its words fall in.
 *
 * The page holds this file and the manifest inline, first in its <head>: the query in the
 * address starts loading its shards before any other file of the page is asked for, and they
 * load while lunr.js and the theme's stylesheets do; results are drawn once the page's results
 * area is parsed (the page calls archiveSearch.ready() right after it). The theme's scripts run
 * after the first results are on screen, and so do the requests for what those do not need
 * (`painted`, `themeScripts`).
 *
 * With a query in the address, in an archive of at most one file of rows (1,000 papers), lunr.js,
 * the metadata shards and the rows are render-blocking (blocking="render", added while the <head>
 * is parsed): the browser paints the page first with its results, rather than painting
 * "Searching…" and then, one or two frames later, the results (an A/B test of 30 loads each at
 * 1,000 papers: first results on screen at a median of 304 ms instead of 326 ms). A larger
 * archive has several files of rows, a megabyte or more, and blocking on them gained nothing at
 * 10,000 papers while it lengthened the longest task. A page opened without a query blocks on
 * nothing. */
(function () {
  "use strict";

  var STRINGS = {
    en: {
      results: function (n, q) { return n === 1 ? "1 paper found for “" + q + "”" : n + " papers found for “" + q + "”"; },
      searching: "Searching…", fullText: "Searching the full texts…",
      none: function (q) { return "No paper found for “" + q + "”."; },
      hint: "Check the spelling, try fewer words or the start of a word, or clear the filters. Names can be typed in Latin or Cyrillic letters, Kazakh words with or without Kazakh letters.",
      empty: "Type a word of a title, a name, a keyword or a UDC number in the search box above.",
      more: "Show more results", inText: "found in the full text", failed: "The search index could not be loaded.",
      supervisors: "Scientific supervisor", language: "Language", volume: "Volume", udc: "UDC class", all: "All",
    },
    ru: {
      results: function (n, q) { return "Найдено статей по запросу «" + q + "»: " + n; },
      searching: "Поиск…", fullText: "Поиск по полным текстам…",
      none: function (q) { return "По запросу «" + q + "» ничего не найдено."; },
      hint: "Проверьте написание, уберите лишние слова или оставьте начало слова, сбросьте фильтры. Имена можно вводить латиницей или кириллицей, казахские слова — с казахскими буквами или без них.",
      empty: "Введите в поле поиска вверху слово из названия, имя, ключевое слово или индекс УДК.",
      more: "Показать ещё", inText: "найдено в полном тексте", failed: "Не удалось загрузить поисковый индекс.",
      supervisors: "Научный руководитель", language: "Язык", volume: "Сборник", udc: "Раздел УДК", all: "Все",
    },
    kk: {
      results: function (n, q) { return "«" + q + "» сұрауы бойынша табылған мақалалар: " + n; },
      searching: "Іздеу…", fullText: "Толық мәтіндерден іздеу…",
      none: function (q) { return "«" + q + "» сұрауы бойынша ештеңе табылмады."; },
      hint: "Жазылуын тексеріңіз, артық сөздерді алып тастаңыз немесе сөздің басын ғана жазыңыз, сүзгілерді тазалаңыз. Есімдерді латын немесе кирилл әріптерімен, қазақ сөздерін қазақ әріптерімен де, оларсыз да жазуға болады.",
      empty: "Жоғарыдағы іздеу жолына тақырыптан сөз, есім, кілт сөз немесе ӘОЖ индексін жазыңыз.",
      more: "Тағы көрсету", inText: "толық мәтіннен табылды", failed: "Іздеу индексі жүктелмеді.",
      supervisors: "Ғылыми жетекші", language: "Тіл", volume: "Жинақ", udc: "ӘОЖ бөлімі", all: "Барлығы",
    },
  };
  var LANGUAGE_NAMES = { kk: "Қазақша", ru: "Русский", en: "English" };
  var PAGE = 20;

  var loaded = {}, waiting = {}, indexes = {};
  var manifest = null, words = null, base = "", lunrUrl = "";
  var lunrLoading = null, urgent = false;
  var domReady, pageParsed = new Promise(function (resolve) { domReady = resolve; });
  document.addEventListener("DOMContentLoaded", function () { domReady(); });

  window.archiveSearch = {
    // `json` is parsed here, on arrival: JSON.parse on a string is far quicker than a script
    // holding the same data as an object literal.
    receive: function (name, json) {
      var data = JSON.parse(json);
      loaded[name] = data;
      (waiting[name] || []).forEach(function (w) { w.resolve(data); });
      delete waiting[name];
    },
    // Called by the search page from its <head>: `folder` is where the index's files are, `lunr`
    // the address of lunr.js, and the element `manifest` holds the manifest, which starts the
    // search in the address.
    start: function (folder, lunr, manifestElement) {
      base = folder;
      lunrUrl = lunr;
      var json = document.getElementById(manifestElement).textContent;
      if (json) boot(JSON.parse(json));
    },
    // Called by the page right after its results area: results can be drawn from then on.
    ready: function () { domReady(); },
  };

  // A script element for `src`; render-blocking while the search in the address starts (a
  // browser honours it only until the <body> begins).
  function script(src, failed) {
    var node = document.createElement("script");
    node.src = src;
    node.onerror = failed;
    if (urgent) node.setAttribute("blocking", "render");
    document.head.appendChild(node);
    return node;
  }

  function load(name) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    return new Promise(function (resolve, reject) {
      if (!waiting[name]) {
        waiting[name] = [];
        script(base + name + ".js?v=" + manifest.version, function () {
          (waiting[name] || []).forEach(function (w) { w.reject(new Error(name)); });
          delete waiting[name];
        });
      }
      waiting[name].push({ resolve: resolve, reject: reject });
    });
  }

  // lunr.js, asked for at the start: it is needed only once a shard has come.
  function loadLunr() {
    if (!lunrLoading) {
      lunrLoading = window.lunr ? Promise.resolve() : new Promise(function (resolve, reject) {
        script(lunrUrl, function () { reject(new Error("lunr")); }).onload = resolve;
      });
    }
    return lunrLoading;
  }

  function pause() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }

  // The page's first contentful paint, once the browser has put it on screen (a frame is
  // painted well after the task that drew it: rasterizing and showing it take threads of their
  // own), or after a second if the browser does not report it or the page is not shown.
  var firstPaint = new Promise(function (resolve) {
    setTimeout(resolve, 1000);
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf("paint") < 0) return resolve();
    new PerformanceObserver(function (list, observer) {
      if (!list.getEntriesByName("first-contentful-paint").length) return;
      observer.disconnect();
      resolve();
    }).observe({ type: "paint", buffered: true });
  });

  // Resolves once the results drawn so far are on screen: after the page's first paint, then
  // after the next frame (in a task after its animation frame, or 100 ms on where no frame comes).
  // What the first results do not need (their snippets, the full texts, the UDC captions) is
  // asked for after it: on a two-core machine, adding its script elements and reading its files
  // in the task that drew the results, or while their frame was drawn, put the results on screen
  // later (at 1,000 papers, medians of 412 against 345 ms in an A/B test of 20 loads each).
  function painted() {
    return firstPaint.then(function () {
      return new Promise(function (resolve) {
        requestAnimationFrame(function () { setTimeout(resolve, 0); });
        setTimeout(resolve, 100);
      });
    });
  }

  // The theme's scripts (Material's bundle, the cite box's), which the search page holds in a
  // <template>: they run once the first results are on screen, or the page's first paint without
  // a query. Run where the theme puts them, at the end of the page, they ran before the first
  // results (at 1,000 papers, medians of 378 against 334 ms in an A/B test of 32 loads each).
  // Material starts on DOMContentLoaded, which has passed when its bundle runs here: it is started
  // through its `document$` subject instead, as its own instant navigation starts each new page.
  var themeStarted = false;
  var contentParsed = new Promise(function (resolve) { document.addEventListener("DOMContentLoaded", resolve); });

  function themeScripts() {
    var held = document.getElementById("archive-search-theme-scripts");
    if (!held) return;
    held.remove();
    held.content.querySelectorAll("script").forEach(function (original) {
      var node = document.createElement("script");
      Array.prototype.forEach.call(original.attributes, function (a) { node.setAttribute(a.name, a.value); });
      node.text = original.text;
      node.async = false;  // in the page's order, as they were written
      // The theme starts in a task of its own: in the task that ran its script, it made the
      // longest task of the page at 10,000 papers (218 ms at most in 20 loads; 162 ms apart).
      node.addEventListener("load", function () {
        if (themeStarted || !window.document$) return;
        themeStarted = true;
        setTimeout(function () { window.document$.next(document); }, 0);
      });
      document.body.appendChild(node);
    });
  }

  Promise.all([contentParsed, painted()]).then(themeScripts);

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

  // The terms of a shard's index that the query word `w` finds (words.js `matches`): those
  // that begin with its shortest stem, filtered. lunr reads a wildcard only in the token set
  // given to `intersect`, as its own queries do.
  function found(idx, w) {
    var begun = idx.tokenSet.intersect(lunr.TokenSet.fromString(w.stem + "*")).toArray();
    return begun.filter(function (term) { return words.matches(w, term); });
  }

  // Scores by ref of the papers matching one query word in the shards of `kind`: the whole
  // word, boosted, and for words of three letters or more, each term it finds (which counts
  // as lunr would count a term of a wildcard's).
  async function matchWord(kind, w, current) {
    var names = shardsFor(kind, w), scores = {};
    await Promise.all(names.map(load).concat([loadLunr()]));
    for (var i = 0; i < names.length; i++) {
      if (current !== generation) return null;
      if (kind === "full") {
        // A full-text shard may hold a common word of nearly every paper: loading it and
        // querying it are each long enough to be a task of their own.
        index(names[i]);
        await pause();
        if (current !== generation) return null;
      }
      var idx = index(names[i]), terms = w.prefix ? found(idx, w) : [];
      idx.query(function (q) {
        if (terms.length) q.term(terms, { usePipeline: false });
        q.term(w.word, { usePipeline: false, boost: 10 });
      }).forEach(function (r) { scores[r.ref] = Math.max(scores[r.ref] || 0, r.score); });
      // Between shards the page may do its own work; after the last, the results are drawn in
      // the same task, before what the theme's scripts have queued.
      if (i + 1 < names.length) await pause();
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

  var lang = (document.documentElement.lang || "en").slice(0, 2);
  var strings = STRINGS[lang] || STRINGS.en, udcLabel = { en: "UDC", ru: "УДК", kk: "ӘОЖ" }[lang] || "UDC";
  var ui = null, generation = 0, state = null, filters = null, query = "";

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The words of a text as a result shows them: numbers with their dots (UDC codes), runs of
  // letters and digits.
  function wordsOf() { return /[0-9]+(?:\.[0-9]+)+|[\p{L}\p{N}]+/gu; }

  // The index in `ws` of the first query word that finds `word`, or -1.
  function hitBy(ws, word) {
    var folded = words.fold(word);
    for (var i = 0; i < ws.length; i++) if (words.matches(ws[i], folded)) return i;
    return -1;
  }

  // Text with each word that the query finds wrapped in <mark>; built as nodes, never as HTML.
  // A name's word is also marked when the query finds one of its `aliases` (the same word in the
  // paper's other spellings of names, `Yergaliyeva` for `Ерғалиева`).
  function highlighted(text, ws, aliases) {
    var out = document.createDocumentFragment(), last = 0;
    var pattern = wordsOf(), match;
    while ((match = pattern.exec(text))) {
      var others = aliases && Object.prototype.hasOwnProperty.call(aliases, match[0]) ? aliases[match[0]] : [];
      if (hitBy(ws, match[0]) < 0 && !others.some(function (a) { return hitBy(ws, a) >= 0; })) continue;
      out.appendChild(document.createTextNode(text.slice(last, match.index)));
      out.appendChild(el("mark", "", match[0]));
      last = match.index + match[0].length;
    }
    out.appendChild(document.createTextNode(text.slice(last)));
    return out;
  }

  var PASSAGE = 400, BEFORE = 100, HITS = 200;

  // For a paper that only its full text matched: the passage of that text (search/text/) where
  // the query's words are, rather than the abstract, which holds none of them. Of the windows of
  // PASSAGE characters that start BEFORE characters ahead of a word found (among the first HITS),
  // the one that holds the most different query words, the first of them if several do; cut at
  // spaces. "" if no word of the text is found (the index matched what the text does not show).
  function passage(text, ws) {
    var pattern = wordsOf(), match, hits = [];
    while (hits.length < HITS && (match = pattern.exec(text))) {
      var which = hitBy(ws, match[0]);
      if (which >= 0) hits.push({ at: match.index, word: which });
    }
    if (!hits.length) return "";
    var best = hits[0], most = 0;
    hits.forEach(function (hit, i) {
      var seen = {}, count = 0;
      for (var j = i; j < hits.length && hits[j].at < hit.at + PASSAGE - BEFORE; j++) {
        if (!seen[hits[j].word]) count++;
        seen[hits[j].word] = true;
      }
      if (count > most) { best = hit; most = count; }
    });
    var start = 0, end = text.length;
    if (best.at > BEFORE) start = Math.min(text.indexOf(" ", best.at - BEFORE) + 1, best.at);
    if (start + PASSAGE < end) end = Math.max(text.lastIndexOf(" ", start + PASSAGE), best.at + 1);
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
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

  function rowsOf(ref) { return "rows/" + Math.floor(ref / manifest.papersPerRows); }

  function distinct(names) { return names.filter(function (n, i) { return names.indexOf(n) === i; }); }

  // A result as far as it is known: its row (id, title, authors, year, language, UDC), and its
  // other titles and snippet once its group of records has come.
  function record(ref) {
    var row = loaded[rowsOf(ref)][ref % manifest.papersPerRows];
    var more = loaded[chunkOf(ref)];
    var extra = more ? more[ref % manifest.papersPerChunk] : { titles: [], supervisors: "", snippet: "", aliases: {} };
    return {
      id: row[0], title: row[1], authors: row[2], year: row[3], language: row[4], udc: row[5],
      titles: extra.titles, supervisors: extra.supervisors, snippet: extra.snippet, aliases: extra.aliases,
    };
  }

  var renders = 0;

  // Draws the results from their rows, loaded with the first shards; then again with their
  // snippets, which come in groups of papers chosen by the results (a round trip later), and
  // the passages of the texts that matched. Returns once the snippets are drawn too, or with
  // `early`, once the rows are.
  async function render(current, early) {
    // A later drawing (full-text matches, a filter) supersedes this one.
    var mine = ++renders;
    function stale() { return current !== generation || mine !== renders; }
    await pageParsed;
    if (stale()) return;
    setup();
    var refs = await filtered(state.refs);
    if (stale()) return;
    var shown = refs.slice(0, state.shown);
    var chunks = distinct(shown.map(chunkOf)), rows = distinct(shown.map(rowsOf)), drawn = 0;
    // The leading results are drawn as soon as their rows have come (a large archive has
    // several files of rows, all asked for at once).
    for (var i = 0; i < rows.length; i++) {
      await load(rows[i]);
      if (stale()) return;
      var ready = 0;
      while (ready < shown.length && loaded[rowsOf(shown[ready])]) ready++;
      if (ready > drawn && ready < shown.length) draw(refs, shown.slice(0, ready), false);
      drawn = ready;
    }
    // What follows: the snippets, and for the results only the full text matched, their texts,
    // from which the passage that matched is cut. Without one of these files (a file missing), a
    // result still shows what its row holds.
    var searched = state, missing = chunks.filter(function (name) { return !loaded[name]; });
    var texts = shown.filter(function (ref) { return !searched.metaRefs[ref] && !(ref in searched.passages); });
    var complete = !missing.length && !texts.length;
    draw(refs, shown, complete);
    if (complete) return;
    var more = painted().then(function () {
      return Promise.all(missing.map(function (name) { return load(name).catch(function () {}); }).concat(
        texts.map(function (ref) {
          return load("text/" + ref).then(
            function (text) { searched.passages[ref] = passage(text, searched.words); },
            function () { searched.passages[ref] = ""; });
        })));
    });
    more = more.then(function () { if (!stale()) draw(refs, shown, true); });
    if (!early) await more;
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
      // Only the authors and the UDC codes were searched: the year and the language are not marked.
      var meta = item.appendChild(el("div", "archive-search__meta"));
      meta.appendChild(highlighted(r.authors, state.words, r.aliases));
      meta.appendChild(document.createTextNode(" · " + r.year + " · " + (LANGUAGE_NAMES[r.language] || r.language)));
      if (r.udc) {
        meta.appendChild(document.createTextNode(" · " + udcLabel + " "));
        meta.appendChild(highlighted(r.udc, state.words));
      }
      // The supervisors too: a paper found by a supervisor's name then shows why.
      if (r.supervisors) {
        var supervisors = item.appendChild(el("div", "archive-search__supervisors", strings.supervisors + ": "));
        supervisors.appendChild(highlighted(r.supervisors, state.words, r.aliases));
      }
      var snippet = state.passages[ref] || r.snippet;
      if (snippet) item.appendChild(el("p", "archive-search__snippet")).appendChild(highlighted(snippet, state.words));
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

  // Starts the search in the address, from the manifest.
  function boot(data) {
    manifest = data;
    words = ArchiveSearchWords.make(manifest.words);
    readAddress();
    urgent = !document.body && manifest.rows <= 1 && words.queryWords(query).length > 0;
    loadLunr().catch(function () {});
    search(query);
    // The rows of every paper, for this query's first results and the next query's.
    for (var n = 0; n < manifest.rows; n++) load("rows/" + n).catch(function () {});
    urgent = false;
    pageParsed.then(setup);
  }

  // The query and filters in the address. A filter the archive does not have (a language or
  // volume it lacks, a UDC class that is not a number) is dropped: the page could not show it
  // in its selects, and it would hide every result.
  function readAddress() {
    var params = new URLSearchParams(location.search);
    var languages = manifest.languages, volumes = manifest.volumes.map(function (v) { return v.id; });
    var language = params.get("language") || "", volume = params.get("volume") || "", udc = params.get("udc") || "";
    filters = {
      language: languages.indexOf(language) >= 0 ? language : "",
      volume: volumes.indexOf(volume) >= 0 ? volume : "",
      udc: /^[0-9]+(\.[0-9]+)*$/.test(udc) ? udc : "",
    };
    query = params.get("q") || "";
  }

  async function search(text) {
    var current = ++generation;
    var ws = words.queryWords(text);
    query = text;
    if (!ws.length) {
      state = null;
      pageParsed.then(function () { if (current === generation) showState(); });
      return;
    }
    state = { query: text.trim(), words: ws, refs: [], metaRefs: {}, passages: {}, shown: PAGE, busy: true, filters: filters };
    if (ui) showState();
    try {
      var meta = await matchAll("meta", ws, current);
      if (!meta || current !== generation) return;
      state.refs = every(meta);
      state.refs.forEach(function (ref) { state.metaRefs[ref] = true; });
      // The first results; their snippets load while the full texts are searched.
      await render(current, true);
      await painted();
      if (current !== generation) return;
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
      await pageParsed;
      setup();
      ui.status.textContent = strings.failed;
      ui.results.setAttribute("aria-busy", "false");
    }
  }

  // What the page says before any result is drawn: that it is searching, or what to type.
  function showState() {
    setup();
    if (state) {
      ui.status.textContent = strings.searching;
      ui.results.setAttribute("aria-busy", "true");
      return;
    }
    ui.results.replaceChildren();
    ui.more.hidden = true;
    ui.hint.hidden = true;
    ui.status.textContent = strings.empty;
    ui.results.setAttribute("aria-busy", "false");
  }

  function readFilters() {
    return { language: ui.language.value, volume: ui.volume.value, udc: ui.udc.value };
  }

  // The address of the search on screen. The first change of the query after the page opened,
  // after Enter, or after Back or Forward is a new entry of the browser's history, so that Back
  // returns to the search before; the next keys typed, and the filters, change that entry.
  var addressKept = true;

  function writeUrl(typed) {
    var params = new URLSearchParams();
    if (query.trim()) params.set("q", query.trim());
    Object.keys(filters).forEach(function (k) { if (filters[k]) params.set(k, filters[k]); });
    var search = params.toString(), address = location.pathname + (search ? "?" + search : "") + location.hash;
    try {
      if (typed && addressKept && search !== location.search.slice(1)) {
        history.pushState(null, "", address);
        addressKept = false;
      } else {
        history.replaceState(null, "", address);
      }
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

  // Chooses `code` in the UDC select, shown even where the classes do not list it (a narrower
  // class from the address, 327.8).
  function chooseUdc(code) {
    if (code && !Array.prototype.some.call(ui.udc.options, function (o) { return o.value === code; })) {
      ui.udc.appendChild(el("option", "", code)).value = code;
    }
    ui.udc.value = code;
  }

  // The page's part, once it is parsed and the manifest has come: done once.
  function setup() {
    if (ui) return;
    var root = document.getElementById("archive-search");
    var input = document.getElementById("archive-search-input");
    ui = {
      status: root.querySelector(".archive-search__status"),
      results: root.querySelector(".archive-search__results"),
      hint: root.querySelector(".archive-search__hint"),
      more: root.querySelector(".archive-search__more"),
      language: root.querySelector("select[name=language]"),
      volume: root.querySelector("select[name=volume]"),
      udc: root.querySelector("select[name=udc]"),
    };
    // Only here: on other pages the results list it names does not exist (axe: aria-valid-attr-value).
    input.setAttribute("aria-controls", "archive-search-results");
    fillSelect(ui.language, manifest.languages.map(function (l) { return { value: l, label: LANGUAGE_NAMES[l] || l }; }), filters.language);
    fillSelect(ui.volume, manifest.volumes.map(function (v) {
      return { value: v.id, label: v.year + " — " + (v.title[lang] || v.title.en) };
    }), filters.volume);
    // The UDC classes and their captions come in a file of their own, after the first results;
    // until then the select holds only the class the address asks for.
    fillSelect(ui.udc, [], "");
    chooseUdc(filters.udc);
    painted().then(function () { return load("classes"); }).then(function (classes) {
      var chosen = ui.udc.value;
      ui.udc.textContent = "";
      fillSelect(ui.udc, classes.map(function (c) {
        var caption = c.caption[lang] || c.caption.en;
        return { value: c.code, label: c.code + (caption ? " " + caption : "") };
      }), "");
      chooseUdc(chosen);
    }).catch(function () {});
    root.querySelectorAll("[data-label]").forEach(function (span) { span.textContent = strings[span.getAttribute("data-label")]; });
    ui.hint.textContent = strings.hint;
    ui.more.textContent = strings.more;
    if (!input.value) input.value = query;
    if (state) showState();

    var timer = null;
    input.form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      search(input.value);
      writeUrl(true);
      addressKept = true;
    });
    // Back and Forward between searches of this page.
    window.addEventListener("popstate", function () {
      clearTimeout(timer);
      addressKept = true;
      readAddress();
      input.value = query;
      ui.language.value = filters.language;
      ui.volume.value = filters.volume;
      chooseUdc(filters.udc);
      search(query);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value); writeUrl(true); }, 150);
    });
    [ui.language, ui.volume, ui.udc].forEach(function (select) {
      select.addEventListener("change", function () {
        filters = readFilters();
        writeUrl();
        if (!state) return;
        state.filters = filters;
        state.shown = PAGE;
        render(generation);
      });
    });
    ui.more.addEventListener("click", function () {
      state.shown += PAGE;
      render(generation);
    });
  }

  // Without the manifest (a folder copied in part), say so instead of waiting for ever.
  document.addEventListener("DOMContentLoaded", function () {
    var status = document.querySelector("#archive-search .archive-search__status");
    if (manifest || !status) return;
    status.textContent = strings.failed;
    document.querySelector("#archive-search .archive-search__results").setAttribute("aria-busy", "false");
  });
})();
