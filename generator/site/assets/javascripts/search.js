/* Site search: header box and search.html. No dependencies; nothing is loaded until a reader
   focuses a search box or opens search.html. The index (generator/search/index.py) is a
   manifest, term shards and page files, each a script calling cgSearch.m/t/d, so it loads with
   <script src> over http and from file:// alike. Normalisation and tokens mirror
   generator/search/normalise.py; tests/test_search_engine.py checks both sides agree. */
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = script ? script.src.replace(/assets\/javascripts\/search\.js(\?.*)?$/, "") : "";
  var LANG = (document.documentElement.lang || "zh").slice(0, 2) === "en" ? "en" : "zh";
  var TEXT = {
    zh: {document: "文件", indicator: "指标", "case": "工作法", term: "术语", theme: "主题", list: "目录", page: "页面",
      all: "全部", none: "没有找到结果。", loading: "正在搜索…", more: "查看全部结果",
      failed: "无法加载搜索索引。从磁盘打开网站时，请确认整个网站文件夹（包括 search 文件夹）都已复制。",
      count: function (n) { return "找到 " + n + " 个页面"; }},
    en: {document: "Document", indicator: "Indicator", "case": "Work method", term: "Term", theme: "Theme", list: "List",
      page: "Page", all: "All", none: "No results found.", loading: "Searching…", more: "See all results",
      failed: "The search index could not be loaded. If the site was opened from disk, make sure the whole site folder (including its search folder) was copied.",
      count: function (n) { return n === 1 ? "1 page found" : n + " pages found"; }}
  }[LANG];
  var ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
  var HAN_ONE = /[\u3400-\u9fff\uf900-\ufaff]/;
  var LATIN = /[a-z0-9]+(?:\.[0-9]+)?/g;
  var NUMBER_WITH_YEAR = /([\u4e00-\u9fff]{1,8})\s*[〔\[(【]\s*(\d{4})\s*[〕\])】]\s*(\d{1,4})/g;
  var NUMBER_WITHOUT_YEAR = /([\u4e00-\u9fff]{1,8}?)(\d{1,4})\s*号/g;
  var SERIAL = /(\d{1,4})\s*号/g;
  // a query word's own postings count fully; what it stands for less; a word that is a page's
  // name or alias (found through the synonym table as "=name") adds about one strong word
  var WEIGHT = {word: 1, synonym: 0.6, name: 0.004, bigram: 0.25, single: 0.3, pair: 0.8, number: 3};

  // ----- loading: every index file is a script that calls one of these -----
  var index = {manifest: null, t2s: {}, shards: {}, pages: {}};
  var pending = {};
  function settle(key) { if (pending[key]) { pending[key].resolve(); } }
  window.cgSearch = {
    m: function (manifest) {
      index.manifest = manifest;
      var pairs = Array.from(manifest.t2s);
      for (var i = 0; i + 1 < pairs.length; i += 2) index.t2s[pairs[i]] = pairs[i + 1];
      settle("manifest");
    },
    t: function (n, postings, synonyms) { index.shards[n] = {p: postings, s: synonyms}; settle("t/" + n); },
    d: function (n, page) { index.pages[n] = page; settle("d/" + n); }
  };
  function load(key) {
    if (pending[key]) return pending[key].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      var element = document.createElement("script");
      element.src = ROOT + "search/" + key + ".js";
      element.async = true;
      element.onerror = function () { delete pending[key]; reject(new Error(key)); };
      element.onload = function () { resolve(); };
      document.head.appendChild(element);
    });
    pending[key] = entry;
    return entry.promise;
  }

  // ----- normalisation and tokens: the twins of generator/search/normalise.py -----
  function fnv1a(text) {
    var h = 2166136261;
    for (var ch of text) { h ^= ch.codePointAt(0); h = Math.imul(h, 16777619) >>> 0; }
    return h >>> 0;
  }
  // for snippets: the same letters as normalise() but one character for one (positions stay put)
  function fold(text) {
    var out = "";
    for (var ch of text.toLowerCase()) out += index.t2s[ch] || ch;
    return out;
  }
  function normalise(text) {
    var lower = text.normalize("NFKC").replace(ZERO_WIDTH, "").toLowerCase(), out = "";
    for (var ch of lower) out += index.t2s[ch] || ch;
    return out;
  }
  function shardKey(token) {
    if (token[0] === "~") return Array.from(token).slice(1, 3).join("");
    if (token[0] === "#") return "#" + token.split("-").pop();
    if (HAN_ONE.test(token[0])) return Array.from(token).slice(0, 2).join("");
    return token.split(" ")[0];
  }
  function shardOf(token) { return fnv1a(shardKey(token)) % index.manifest.shards; }
  function stripStopWords(text) {
    index.manifest.stop.forEach(function (word) { text = text.split(word).join(" "); });
    return text;
  }
  function nameToken(text) {
    var letters = Array.from(text).filter(function (c) { return /[\p{L}\p{N}]/u.test(c); }).join("");
    return letters ? "=" + letters : null;
  }
  function issuers(prefix) {
    var chars = Array.from(prefix), out = [];
    for (var size = 2; size <= Math.min(chars.length, 6); size++) out.push(chars.slice(chars.length - size).join(""));
    return out;
  }
  function documentNumberTokens(text) {
    var tokens = [], m;
    NUMBER_WITH_YEAR.lastIndex = 0;
    while ((m = NUMBER_WITH_YEAR.exec(text))) {
      issuers(m[1]).forEach(function (i) { tokens.push("#" + i + m[2] + "-" + m[3], "#" + i + "-" + m[3]); });
      tokens.push("#-" + m[3]);
    }
    NUMBER_WITHOUT_YEAR.lastIndex = 0;
    while ((m = NUMBER_WITHOUT_YEAR.exec(text))) {
      var serial = m[2];
      issuers(m[1]).forEach(function (i) { tokens.push("#" + i + "-" + serial); });
      tokens.push("#-" + serial);
    }
    SERIAL.lastIndex = 0;
    while ((m = SERIAL.exec(text))) tokens.push("#-" + m[1]);
    return Array.from(new Set(tokens));
  }
  function latinWords(text) {
    return (text.match(LATIN) || []).filter(function (w) { return index.manifest.enStop.indexOf(w) < 0; });
  }
  function stem(word) { return /^[a-z]+$/.test(word) ? window.cgPorterStem(word) : word; }

  // ----- the query: words, synonyms, names, numbers, each with a weight -----
  function postingsOf(token) {
    var shard = index.shards[shardOf(token)];
    return shard && shard.p[token];
  }
  function synonymsOf(key) {
    var shard = index.shards[shardOf(key)];
    return shard && shard.s[key];
  }
  function isWord(word) { return !!(postingsOf(word) || synonymsOf(word)); }

  function analyse(query) {
    var normal = normalise(query);
    var stripped = stripStopWords(normal);
    if (!/[\p{L}\p{N}]/u.test(stripped)) stripped = normal;
    var runs = stripped.match(HAN) || [];
    var words = latinWords(stripped);
    var first = [];
    runs.forEach(function (run) {
      var chars = Array.from(run);
      if (chars.length === 1) first.push(run);
      for (var i = 0; i + 1 < chars.length; i++) first.push(chars[i] + chars[i + 1]);
    });
    words.forEach(function (w) { first.push(stem(w)); });
    var exact = documentNumberTokens(normal);
    var stemmed = words.length ? "=" + words.map(stem).join("") : null;  // Volunteering is the name for "volunteer"
    [nameToken(normal), nameToken(stripped), stemmed].forEach(function (t) { if (t && exact.indexOf(t) < 0) exact.push(t); });
    return {normal: normal, runs: runs, words: words, shardKeys: first.concat(exact), exact: exact};
  }

  // maximum matching over the index vocabulary, forward and backward; the reading with fewer
  // pieces wins, then the one with fewer single characters, then the backward one (开会议事 →
  // 开|会|议事 rather than 开|会议|事). Uncovered characters stay single.
  function forward(chars) {
    var out = [], i = 0;
    while (i < chars.length) {
      var taken = 1;
      for (var j = Math.min(chars.length, i + 12); j >= i + 2; j--) {
        if (isWord(chars.slice(i, j).join(""))) { taken = j - i; break; }
      }
      out.push(chars.slice(i, i + taken).join(""));
      i += taken;
    }
    return out;
  }
  function backward(chars) {
    var out = [], j = chars.length;
    while (j > 0) {
      var taken = 1;
      for (var i = Math.max(0, j - 12); i <= j - 2; i++) {
        if (isWord(chars.slice(i, j).join(""))) { taken = j - i; break; }
      }
      out.unshift(chars.slice(j - taken, j).join(""));
      j -= taken;
    }
    return out;
  }
  function segment(run) {
    var chars = Array.from(run), f = forward(chars), b = backward(chars);
    function singles(words) { return words.filter(function (w) { return Array.from(w).length === 1; }).length; }
    var best = f.length < b.length || (f.length === b.length && singles(f) < singles(b)) ? f : b;
    return best.map(function (w) { return {word: w, single: Array.from(w).length === 1}; });
  }

  function plan(q) {
    var terms = [], group = 0, highlights = [];
    function add(token, weight, g) { terms.push({token: token, weight: weight, group: g}); }
    q.exact.forEach(function (t) { add(t, t[0] === "#" ? WEIGHT.number : 1, -1); });
    q.runs.forEach(function (run) {
      var chars = Array.from(run);
      for (var i = 0; i + 1 < chars.length; i++) add("~" + chars[i] + chars[i + 1], WEIGHT.bigram, -1);
      var parts = segment(run);
      parts.forEach(function (part, k) {
        var g = group++;
        highlights.push(part.word);
        add(part.word, part.single ? WEIGHT.single : WEIGHT.word, part.single ? -1 : g);
        // two characters the vocabulary does not know as a word (党群 in 党群服务中心): their pair is the word
        var next = parts[k + 1];
        if (part.single && next && next.single) {
          add("~" + part.word + next.word, WEIGHT.pair, g);
          highlights.push(part.word + next.word);
        }
        (synonymsOf(part.word) || []).forEach(function (t) {
          add(t, t[0] === "=" ? WEIGHT.name : WEIGHT.synonym, g);
          if (t[0] !== "=" && t[0] !== "#") highlights.push(t);
        });
      });
    });
    // English: each stem is a concept; a synonym of up to four words (certified social workers)
    // makes the words it covers one concept
    var stems = q.words.map(stem), groupOf = [];
    stems.forEach(function (s, i) {
      if (groupOf[i] === undefined) groupOf[i] = group++;
      var g = groupOf[i];
      highlights.push(q.words[i]);
      add(s, WEIGHT.word, g);
      for (var n = Math.min(4, stems.length - i); n >= 1; n--) {
        var found = synonymsOf(stems.slice(i, i + n).join(" "));
        if (!found) continue;
        found.forEach(function (t) { add(t, t[0] === "=" ? WEIGHT.name : WEIGHT.synonym, g); if (t[0] !== "=") highlights.push(t); });
        for (var k = i + 1; k < i + n; k++) groupOf[k] = g;
        break;
      }
    });
    return {terms: terms, groups: group, highlights: highlights};
  }

  function loadShards(tokens) {
    var wanted = {};
    tokens.forEach(function (t) { wanted[shardOf(t)] = true; });
    return Promise.all(Object.keys(wanted).map(function (n) { return load("t/" + n); }));
  }

  function rank(p) {
    var scores = {}, matched = {};
    p.terms.forEach(function (term) {
      var list = postingsOf(term.token) || [];
      for (var i = 0; i < list.length; i += 2) {
        var d = list[i];
        scores[d] = (scores[d] || 0) + list[i + 1] * term.weight;
        if (term.group >= 0) (matched[d] = matched[d] || {})[term.group] = true;
      }
    });
    var groups = Math.max(1, p.groups);
    return Object.keys(scores).map(function (d) {
      // pages that match more of the query's words come first
      var share = (Object.keys(matched[d] || {}).length + 1) / (groups + 1);
      return {id: Number(d), score: scores[d] * share * share};
    }).sort(function (a, b) { return b.score - a.score || a.id - b.id; });
  }

  function search(query) {
    return load("manifest").then(function () {
      var q = analyse(query);
      if (!q.shardKeys.length) return {query: q, results: [], highlights: []};
      return loadShards(q.shardKeys).then(function () {
        var p = plan(q);
        return loadShards(p.terms.map(function (t) { return t.token; })).then(function () {
          return {query: q, results: rank(p), highlights: p.highlights};
        });
      });
    });
  }

  // ----- result cards -----
  function bestPassage(page, highlights) {
    var best = null, bestScore = 0;
    page.p.forEach(function (passage, i) {
      var text = fold(passage[2]), score = 0;
      highlights.forEach(function (h) { if (h.length > 1 && text.indexOf(h) >= 0) score += Array.from(h).length; });
      if (passage[1] === passage[2]) score *= 0.5; // a heading alone says little
      if (/^(主题：|themes?:|indicators )/i.test(passage[2])) score *= 0.3; // nor does a list of links
      if (score > bestScore) { best = passage; bestScore = score; }
    });
    if (best) return best;
    // nothing matched word for word (a synonym, a name): the page's first real sentence
    for (var i = 0; i < page.p.length; i++) if (page.p[i][1] !== page.p[i][2] && page.p[i][2].length >= 20) return page.p[i];
    return page.p[0] || null;
  }

  function marked(text, highlights) {
    // positions in the original text of every highlighted word (normalised per character)
    var chars = Array.from(text), normal = chars.map(function (c) { return fold(c); });
    var marks = new Array(chars.length).fill(false);
    highlights.forEach(function (h) {
      var hc = Array.from(h);
      if (hc.length < 2 && !/^[a-z0-9]$/.test(h)) return;
      for (var i = 0; i + hc.length <= chars.length; i++) {
        var ok = true;
        for (var k = 0; k < hc.length && ok; k++) ok = normal[i + k] === hc[k];
        if (ok) for (var k2 = 0; k2 < hc.length; k2++) marks[i + k2] = true;
      }
    });
    var first = marks.indexOf(true), start = 0, end = chars.length, limit = 120;
    if (chars.length > limit) {
      start = Math.max(0, Math.min(first < 0 ? 0 : first - 30, chars.length - limit));
      end = Math.min(chars.length, start + limit);
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

  // cards appear in order as their page files arrive: the first result does not wait for the eighth
  function show(list, outcome, count, status) {
    var ids = outcome.results.slice(0, count).map(function (r) { return r.id; });
    var files = ids.map(function (id) { return load("d/" + id).then(function () { return true; }, function () { return false; }); });
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
      status.textContent = outcome.results.length ? TEXT.count(outcome.results.length) : TEXT.none;
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
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
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
      var chosen = {query: outcome.query, highlights: outcome.highlights, results: all};
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

  function start() {
    Array.from(document.querySelectorAll("form.cg-search")).forEach(headerBox);
    var page = document.getElementById("cg-search-page");
    if (page) resultsPage(page);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // for tests (tests/test_search_engine.py) and for anyone debugging a ranking in the console
  window.cgSearch.words = function (query) {
    return load("manifest").then(function () {
      var q = analyse(query);
      return loadShards(q.shardKeys).then(function () { return plan(q).highlights; });
    });
  };
  window.cgSearch.normalise = normalise;
  window.cgSearch.stripStopWords = stripStopWords;
  window.cgSearch.documentNumberTokens = documentNumberTokens;
  window.cgSearch.shardKey = shardKey;
  window.cgSearch.fnv1a = fnv1a;
  window.cgSearch.run = search;
})();
