/* Site search, what readers see: the header box (overrides/partials/cg-search.html), result cards
   and search.html, drawn with DOM text nodes (never innerHTML). The engine is search.js (window.cgSearch). */
(function () {
  "use strict";
  var engine = window.cgSearch;
  if (!engine || !engine.run) return;
  var ROOT = engine.root;
  var LANG = (document.documentElement.lang || "zh").slice(0, 2) === "en" ? "en" : "zh";
  var TEXT = {
    zh: {document: "文件", indicator: "指标", "case": "工作法", term: "术语", theme: "主题", list: "目录", page: "页面",
      all: "全部", none: "没有找到结果。", loading: "正在搜索…", more: "查看全部结果", partial: "离线时部分结果不可用",
      failed: "无法加载搜索索引。从磁盘打开网站时，请确认整个网站文件夹（包括 search 文件夹）都已复制。",
      count: function (n) { return "找到 " + n + " 个页面"; }},
    en: {document: "Document", indicator: "Indicator", "case": "Work method", term: "Term", theme: "Theme", list: "List",
      page: "Page", all: "All", none: "No results found.", loading: "Searching…", more: "See all results",
      partial: "Some results are unavailable offline",
      failed: "The search index could not be loaded. If the site was opened from disk, make sure the whole site folder (including its search folder) was copied.",
      count: function (n) { return n === 1 ? "1 page found" : n + " pages found"; }}
  }[LANG];
  var ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
  var index = {pages: engine.pages};
  var load = engine.load, fold = engine.fold, search = engine.run;

  // ----- result cards -----
  // a list of links says little about the page: a paragraph "主题：…" or a table row "主题 · …"
  var LINK_LIST = /^(主题|themes?|indicators|指标)\s*[：:·]/i;
  function bestPassage(page, highlights) {
    var best = null, bestScore = 0;
    page.p.forEach(function (passage, i) {
      if (LINK_LIST.test(passage[2])) return;
      var text = fold(passage[2]), score = 0;
      // a word counts by its length; a single character the reader typed (户) counts half
      highlights.forEach(function (h) { if (text.indexOf(h) >= 0) score += h.length > 1 ? Array.from(h).length : 0.5; });
      if (passage[1] === passage[2]) score *= 0.5; // a heading alone says little
      if (score > bestScore) { best = passage; bestScore = score; }
    });
    if (best) return best;
    // nothing matched word for word (a synonym, a name, a theme): the page's first real sentence
    for (var i = 0; i < page.p.length; i++) {
      if (page.p[i][1] !== page.p[i][2] && page.p[i][2].length >= 12 && !LINK_LIST.test(page.p[i][2])) return page.p[i];
    }
    return page.p[0] || null;
  }

  function marked(text, highlights) {
    // positions in the original text of every highlighted word (normalised per character)
    var chars = Array.from(text), normal = chars.map(function (c) { return fold(c); });
    var marks = new Array(chars.length).fill(false);
    // an English word is marked whole, when it is a word the reader typed or has its stem ("residents" for
    // resident), never inside another word ("part" in participation, "take" in stakeholders)
    var latin = {}, stem = window.cgPorterStem || function (w) { return w; };
    highlights.forEach(function (h) { if (/^[a-z0-9]+$/.test(h)) { latin[h] = true; latin[stem(h)] = true; } });
    var word = /[a-z0-9]+/g, folded = normal.map(function (c) { return c.length === 1 ? c : " "; }).join(""), w;
    while ((w = word.exec(folded)) !== null) {
      if (latin[w[0]] || (/^[a-z]+$/.test(w[0]) && latin[stem(w[0])])) {
        for (var m = w.index; m < w.index + w[0].length; m++) marks[m] = true;
      }
    }
    highlights.forEach(function (h) {
      var hc = Array.from(h);
      if (/^[a-z0-9]+$/.test(h)) return; // marked above, as whole words
      if (hc.length < 2) return; // a single character would light up everywhere
      for (var i = 0; i + hc.length <= chars.length; i++) {
        var ok = true;
        for (var k = 0; k < hc.length && ok; k++) ok = normal[i + k] === hc[k];
        if (ok) for (var k2 = 0; k2 < hc.length; k2++) marks[i + k2] = true;
      }
    });
    var first = marks.indexOf(true), start = 0, end = chars.length, limit = 120;
    if (chars.length > limit) {
      start = Math.max(0, Math.min(first < 0 ? 0 : first - 30, chars.length - limit));
      // do not start in the middle of an English word
      for (var s = start; start > 0 && s < start + 15 && s < first; s++) if (/\s/.test(chars[s])) { start = s + 1; break; }
      end = Math.min(chars.length, start + limit);
      // nor end in the middle of one: back to the space before it
      for (var e = end; end < chars.length && e > end - 20 && e > start; e--) {
        if (!/[A-Za-z]/.test(chars[end - 1]) || !/[A-Za-z]/.test(chars[end])) break;
        if (/\s/.test(chars[e - 1])) { end = e - 1; break; }
      }
    }
    var fragment = document.createDocumentFragment(), run = "", inMark = false;
    function flush() {
      if (!run) return;
      if (inMark) { var m = document.createElement("mark"); m.textContent = run; fragment.appendChild(m); }
      else fragment.appendChild(document.createTextNode(run));
      run = "";
    }
    if (start > 0) fragment.appendChild(document.createTextNode("…"));
    for (var i = start; i < end; i++) {
      if (marks[i] !== inMark) { flush(); inMark = marks[i]; }
      run += chars[i];
    }
    flush();
    if (end < chars.length) fragment.appendChild(document.createTextNode("…"));
    return fragment;
  }

  function card(page, highlights) {
    var item = document.createElement("li");
    item.className = "cg-result";
    item.dataset.kind = page.k;
    var passage = bestPassage(page, highlights);
    var link = document.createElement("a");
    link.className = "cg-result__link";
    link.href = ROOT + page.u + (passage && passage[0] ? "#" + encodeURIComponent(passage[0]) : "");
    var kind = document.createElement("span");
    kind.className = "cg-result__kind cg-kind--" + page.k;
    kind.textContent = TEXT[page.k] || TEXT.page;
    var title = document.createElement("span");
    title.className = "cg-result__title";
    title.textContent = page.t.replace(ZERO_WIDTH, "");
    link.appendChild(kind);
    link.appendChild(title);
    item.appendChild(link);
    if (passage) {
      var snippet = document.createElement("p");
      snippet.className = "cg-result__snippet";
      if (passage[1] && passage[1] !== passage[2]) {
        var label = document.createElement("span");
        label.className = "cg-result__label";
        label.textContent = passage[1];
        snippet.appendChild(label);
        snippet.appendChild(document.createTextNode(" "));
      }
      snippet.appendChild(marked(passage[2], highlights));
      item.appendChild(snippet);
    }
    return item;
  }

  // cards appear in order as their page files arrive: the first result does not wait for the eighth, and its
  // file is asked for alone, the others once it is there (on a slow network they would share its bandwidth)
  function show(list, outcome, count, status) {
    var ids = outcome.results.slice(0, count).map(function (r) { return r.id; });
    function file(id) { return load("d/" + id).then(function () { return true; }, function () { return false; }); }
    var first = ids.length ? file(ids[0]) : null;
    var files = ids.map(function (id, k) { return k ? first.then(function () { return file(id); }) : first; });
    var cleared = false, chain = Promise.resolve();
    function clear() { if (!cleared) { list.textContent = ""; cleared = true; } }
    ids.forEach(function (id, k) {
      chain = chain.then(function () { return files[k]; }).then(function (ok) {
        clear();
        if (ok) list.appendChild(card(index.pages[id], outcome.highlights));
      });
    });
    return chain.then(function () {
      clear();
      status.textContent = (outcome.results.length ? TEXT.count(outcome.results.length) : TEXT.none)
        + (outcome.partial ? " · " + TEXT.partial : "");
    });
  }

  function failed(status) { return function () { status.textContent = TEXT.failed; }; }

  // ----- the header box: a panel of the best results under it -----
  function headerBox(form) {
    var input = form.querySelector("input[name=q]");
    var panel = form.querySelector(".cg-search__panel");
    var list = panel.querySelector("ol");
    var status = panel.querySelector(".cg-search__status");
    var more = panel.querySelector(".cg-search__more");
    var timer = 0, latest = "";
    input.addEventListener("focus", function () { form.classList.add("cg-search--open"); load("manifest").catch(failed(status)); });
    input.addEventListener("input", function (event) {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
      if (!event.isComposing) engine.warm(input.value);  // not the pinyin of an unfinished character
    });
    input.addEventListener("compositionend", function () { engine.warm(input.value); });
    function run() {
      var query = input.value.trim();
      latest = query;
      if (!query) { panel.hidden = true; return; }
      panel.hidden = false;
      status.textContent = TEXT.loading;
      more.href = ROOT + "search.html?q=" + encodeURIComponent(query);
      search(query).then(function (outcome) {
        if (query !== latest) return null;
        return show(list, outcome, 8, status).then(function () {
          if (query === latest) panel.setAttribute("data-query", query);
        });
      }).catch(failed(status));
    }
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { panel.hidden = true; input.focus(); }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var links = Array.from(panel.querySelectorAll("a"));
        var at = links.indexOf(document.activeElement);
        var next = event.key === "ArrowDown" ? at + 1 : at - 1;
        if (next >= 0 && next < links.length) { links[next].focus(); event.preventDefault(); }
        else if (next < 0) { input.focus(); event.preventDefault(); }
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) { panel.hidden = true; form.classList.remove("cg-search--open"); }
    });
  }

  // ----- search.html: all results, a filter by kind, ?q= in the address -----
  function resultsPage(container) {
    var form = container.querySelector("form");
    var input = form.querySelector("input[name=q]");
    var list = container.querySelector("ol");
    var status = container.querySelector(".cg-search-page__status");
    var filter = container.querySelector(".cg-search-page__kinds");
    var kind = "";
    var outcome = null;
    container.querySelector(".cg-search-page__nojs").hidden = true;
    form.hidden = false;
    ["", "document", "indicator", "case", "term", "theme", "list", "page"].forEach(function (k) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = k ? TEXT[k] : TEXT.all;
      button.setAttribute("aria-pressed", k === kind ? "true" : "false");
      button.addEventListener("click", function () {
        kind = k;
        Array.from(filter.children).forEach(function (b) { b.setAttribute("aria-pressed", b === button ? "true" : "false"); });
        render();
      });
      filter.appendChild(button);
    });
    function render() {
      if (!outcome) return null;
      var all = outcome.results;
      var chosen = {query: outcome.query, highlights: outcome.highlights, results: all, partial: outcome.partial};
      if (kind) {
        var pages = all.slice(0, 60).map(function (r) { return load("d/" + r.id).then(function () { return r; }); });
        return Promise.all(pages).then(function (rs) {
          chosen.results = rs.filter(function (r) { return index.pages[r.id].k === kind; });
          return show(list, chosen, 30, status);
        });
      }
      return show(list, chosen, 30, status);
    }
    function run(query) {
      if (!query) return;
      status.textContent = TEXT.loading;
      search(query).then(function (o) { outcome = o; return render(); }).then(function () {
        container.setAttribute("data-query", query);
      }).catch(failed(status));
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = input.value.trim();
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(query)); } catch (e) { /* file:// may refuse */ }
      run(query);
    });
    var initial = new URLSearchParams(location.search).get("q") || "";
    input.value = initial;
    run(initial.trim());
  }

  // this script is loaded async by the header box itself (overrides/partials/cg-search.html), so the box is
  // already there: it works at once, before the theme's bundle has run; search.html's own form is further
  // down the page and is started when the page has been read
  function startBoxes() {
    var boxes = Array.from(document.querySelectorAll("form.cg-search"));
    boxes.forEach(function (form) {
      headerBox(form);
      form.setAttribute("data-ready", "");
      // what a reader typed before the script arrived is searched now
      if (form.querySelector("input[name=q]").value.trim()) form.querySelector("input[name=q]").dispatchEvent(new Event("input"));
    });
    // the manifest (a few kB compressed: counts, stop words, syllables, the traditional characters the corpus
    // needs) is loaded with the page, so that the first query waits only for its own shards; the index
    // itself is still loaded only for the words a reader types
    if (boxes.length) load("manifest").catch(function () { /* said when a search is run */ });
  }
  function startResultsPage() {
    var page = document.getElementById("cg-search-page");
    if (page) resultsPage(page);
  }
  startBoxes();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startResultsPage);
  else startResultsPage();
})();
