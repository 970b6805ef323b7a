/* Site search, the engine: loading the index, reading a query, ranking. search-ui.js draws the
   header box, the result cards and search.html. No dependencies; a page loads only the small manifest,
   the term shards a query needs are loaded while it is typed, page files for the cards shown. The index (generator/search/index.py) is a
   manifest, term shards and page files, each a script calling cgSearch.m/t/d, so it loads with
   <script src> over http and from file:// alike. Normalisation and tokens mirror
   generator/search/normalise.py; tests/test_search_engine.py checks both sides agree. */
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = script ? script.src.replace(/assets\/javascripts\/search\.js(\?.*)?$/, "") : "";
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
        var next = parts[k + 1], previous = parts[k - 1];
        // a lone character is looked up as a word (户); one next to another lone character is read as
        // part of their pair below, which saves a round of shard requests on a slow network
        var paired = part.single && ((next && next.single) || (previous && previous.single));
        if (!paired) add(part.word, part.single ? WEIGHT.single : WEIGHT.word, part.single ? -1 : g);
        // two characters the vocabulary does not know as a word (党群 in 党群服务中心): their pair is the word
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

  // resolves to false when a shard could not be loaded (offline, and not kept by the service worker):
  // the search goes on with the others, and says that some results may be missing
  function loadShards(tokens) {
    var wanted = {};
    tokens.forEach(function (t) { wanted[shardOf(t)] = true; });
    return Promise.all(Object.keys(wanted).map(function (n) {
      return load("t/" + n).then(function () { return true; }, function () { return false; });
    })).then(function (loaded) { return loaded.indexOf(false) < 0; });
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
      return loadShards(q.shardKeys).then(function (whole) {
        var p = plan(q);
        return loadShards(p.terms.map(function (t) { return t.token; })).then(function (rest) {
          return {query: q, results: rank(p), highlights: p.highlights, partial: !(whole && rest)};
        });
      });
    });
  }

  // start loading what a query needs while the reader is still typing (search-ui.js waits 120 ms
  // after the last key before it ranks): the shards of its words, then those of their synonyms
  function warm(query) {
    if (!index.manifest || !query.trim()) return;
    var q = analyse(query);
    loadShards(q.shardKeys).then(function () {
      return loadShards(plan(q).terms.map(function (t) { return t.token; }));
    }).catch(function () { /* search() reports a file that cannot be loaded */ });
  }

  // the interface search-ui.js uses, and the parts tests/test_search_engine.py checks
  window.cgSearch.warm = warm;
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
  window.cgSearch.root = ROOT;
  window.cgSearch.load = load;
  window.cgSearch.pages = index.pages;
  window.cgSearch.fold = fold;
})();
