/* Site search, the engine: loading the index, reading a query, ranking. search-ui.js draws the
   header box, the result cards and search.html. No dependencies; a page loads only the small manifest,
   the term shards a query needs are loaded while it is typed, page files for the cards shown. The index (generator/search/index.py) is a
   manifest, term shards and page files, each a script calling cgSearch.m/t/d, so it loads with
   <script src> over http and from file:// alike. Normalisation and tokens mirror
   generator/search/normalise.py, pinyin.py and slips.py; tests/test_search_engine.py checks both sides agree. */
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = script ? script.src.replace(/assets\/javascripts\/[\w.-]+\.js(\?.*)?$/, "") : "";
  var ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
  var MARKS = /\p{Mn}/gu;
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
  var HAN_ONE = /[\u3400-\u9fff\uf900-\ufaff]/;
  var HAN_START = /^[\u3400-\u9fff\uf900-\ufaff]+/;
  var LATIN = /[a-z0-9]+(?:\.[0-9]+)?/g;
  var NUMBER_WITH_YEAR = /([\u4e00-\u9fff]{1,8})\s*[〔\[(【]\s*(\d{4})\s*[〕\])】]\s*(\d{1,4})/g;
  var NUMBER_WITHOUT_YEAR = /([\u4e00-\u9fff]{1,8}?)(\d{1,4})\s*号/g;
  var SERIAL = /(\d{1,4})\s*号/g;
  // a query word's own postings count fully (what it stands for is merged into "+word" at build time,
  // already weighted); a name with one character wrong counts fully when it is the whole query, as
  // one strong word inside a longer one
  var WEIGHT = {word: 1, bigram: 0.25, single: 0.3, pair: 0.8, number: 3, pinyin: 1, slip: 1, slipInside: 0.01};
  var PINYIN = {shardLetters: 4, minSyllables: 2, maxSyllables: 16, initials: /^[b-df-hj-np-tv-z]{2,8}$/};
  // a middle slip of a three-character name (社公站) is stored under its outer pair (社站): only a query this
  // short (its Chinese characters counted together) loads those pairs with the rest; a long question would
  // load one more shard for every three characters of it, for a slip that counts little inside it
  var SLIP = {min: 3, max: 8, outerPairsUpTo: 6};
  var RANK = window.cgRankTuning || {intent: 1.5};
  // question frames that say what kind of page answers: a definition (a term) or a number (an indicator);
  // a number is asked for as a count (多少, 几个), a share (百分之几, 几成), a size (多大, 几平方), a distance
  // or a time (多远, 几分钟, 多久); a yes/no frame (有没有, 能不能) asks about a rule as often as a number, so it
  // prefers no kind of page
  var INTENTS = [
    {kind: "t", zh: /是什么|什么意思|啥意思|是啥|指什么|指哪些|是干什么|干什么的|含义|定义/, en: /^(what (is|are|does)|who are|define|meaning)\b/},
    {kind: "i", zh: /多少|几个|几家|几人|几万|比例|占比|覆盖率|多久|多长时间|几小时|几天|多大|多远|多长|几平|平方|平米|百分之|几成|几分钟|几期|几次/,
     en: /\bhow (many|much|long|big|far|large)\b|\bnumber of\b|\bshare of\b|\bwhat (share|percentage|proportion)\b/}
  ];

  // ----- loading: every index file is a script that calls one of these -----
  var index = {manifest: null, t2s: {}, shards: {}, pages: {}, syllables: null};
  var pending = {};
  function settle(key) { if (pending[key]) { pending[key].resolve(); } }
  window.cgSearch = {
    m: function (manifest) {
      index.manifest = manifest;
      var pairs = Array.from(manifest.t2s);
      for (var i = 0; i + 1 < pairs.length; i += 2) index.t2s[pairs[i]] = pairs[i + 1];
      index.syllables = new Set((manifest.py || "").split(" "));
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
  function foldMarks(text) {
    return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize("NFD").replace(MARKS, "").normalize("NFC");
  }
  // for snippets: the same letters as normalise() but one character for one (positions stay put)
  function fold(text) {
    var out = "";
    for (var ch of text.toLowerCase()) { var bare = foldMarks(ch); out += index.t2s[ch] || (bare.length === 1 ? bare : ch); }
    return out;
  }
  function normalise(text) {
    var lower = foldMarks(text.normalize("NFKC").replace(ZERO_WIDTH, "").toLowerCase()), out = "";
    for (var ch of lower) out += index.t2s[ch] || ch;
    return out;
  }
  function slipShardKey(token) {
    var chars = Array.from(token).slice(1), at = chars.indexOf("*");
    if (at >= 2) return chars.slice(0, 2).join("");
    if (chars.length >= 4) return chars.slice(2, 4).join("");
    return at === 0 ? chars.slice(1, 3).join("") : chars[0] + chars[2];
  }
  function shardKey(token) {
    if (token[0] === "+") return shardKey(token.slice(1));
    if (token[0] === "^") return token.slice(0, 1 + PINYIN.shardLetters);
    if (token[0] === "?") return slipShardKey(token);
    if (token[0] === "~") return Array.from(token).slice(1, 3).join("");
    if (token[0] === "#") return "#" + token.split("-").pop();
    // a name that starts in Chinese lives with its first two characters, a shard the query loads anyway;
    // another by its first four letters, with the query's stemmed name
    if (token[0] === "=") {
      var start = token.slice(1).match(HAN_START);
      return start ? Array.from(start[0]).slice(0, 2).join("") : Array.from(token).slice(0, 5).join("");
    }
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

  // ----- pinyin typed without converting (generator/search/pinyin.py) -----
  // a word's syllables, as few as possible (xian, not xi an), or null when it is not pinyin
  function syllablesOf(word) {
    if (!/^[a-z]+$/.test(word)) return null;
    var best = [[]];
    for (var i = 0; i < word.length; i++) {
      if (!best[i]) continue;
      for (var j = i + 1; j <= Math.min(word.length, i + 6); j++) {
        var s = word.slice(i, j);
        if (index.syllables.has(s) && (!best[j] || best[j].length > best[i].length + 1)) best[j] = best[i].concat([s]);
      }
    }
    return best[word.length] || null;
  }
  // runs of neighbouring words that are all pinyin (English stop words included: an, can are syllables);
  // a run's tokens are its stretches of whole words (a name starts and ends where a word does: yi jian tiao,
  // yijian tiao, yijiantiao) of two syllables or more, joined; a short word without vowels may be initials (yjt)
  function pinyinRuns(words) {
    var runs = [], current = null;
    words.forEach(function (word, k) {
      var parts = syllablesOf(word);
      if (!parts) { current = null; return; }
      if (!current) { current = {words: [], counts: []}; runs.push(current); }
      current.words.push(k);
      current.counts.push(parts.length);
    });
    runs.forEach(function (run) {
      run.tokens = [];
      for (var i = 0; i < run.words.length; i++) {
        var joined = "", syllables = 0;
        for (var j = i; j < run.words.length && syllables < PINYIN.maxSyllables; j++) {
          joined += words[run.words[j]];
          syllables += run.counts[j];
          if (syllables >= PINYIN.minSyllables) run.tokens.push("^" + joined);
        }
      }
    });
    words.forEach(function (word, k) {
      if (PINYIN.initials.test(word)) runs.push({words: [k], tokens: ["^" + word]});
    });
    return runs;
  }

  // ----- a known name with one character wrong (generator/search/slips.py) -----
  function slipVariants(chars, outerPairs) {
    var out = [];
    for (var at = 0; at < chars.length; at++) {
      if (chars.length === 3 && at === 1 && !outerPairs) continue;
      out.push("?" + chars.slice(0, at).join("") + "*" + chars.slice(at + 1).join(""));
    }
    return out;
  }

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
    var outerPairs = Array.from(runs.join("")).length <= SLIP.outerPairsUpTo;
    runs.forEach(function (run) {
      var chars = Array.from(run);
      if (chars.length === 1) first.push(run);
      for (var i = 0; i + 1 < chars.length; i++) first.push(chars[i] + chars[i + 1]);
      // a short query may hold a three-character name with its middle character wrong (社公站): that
      // variant's shard is its outer pair, loaded with the rest
      if (outerPairs) for (var k = 0; k + 2 < chars.length; k++) first.push("?" + chars[k] + "*" + chars[k + 2]);
    });
    words.forEach(function (w) { first.push(stem(w)); });
    var exact = documentNumberTokens(normal);
    var stemmed = words.length ? "=" + words.map(stem).join("") : null;  // Volunteering is the name for "volunteer"
    [nameToken(normal), nameToken(stripped), stemmed].forEach(function (t) { if (t && exact.indexOf(t) < 0) exact.push(t); });
    // pinyin runs are read from every Latin word, stop words included (an, can are syllables)
    var latin = normal.match(LATIN) || [], wordAt = [];
    latin.forEach(function (w, k) { if (index.manifest.enStop.indexOf(w) < 0) wordAt.push(k); });
    var pinyin = pinyinRuns(latin);
    pinyin.forEach(function (run) { first = first.concat(run.tokens); });
    var intent = "";
    INTENTS.forEach(function (i) { if (!intent && (i.zh.test(normal) || i.en.test(normal))) intent = i.kind; });
    return {normal: normal, runs: runs, words: words, wordAt: wordAt, pinyin: pinyin, intent: intent, outerPairs: outerPairs,
            shardKeys: first.concat(exact), exact: exact};
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
    // a term's groups are the query words it stands for: pages that match more of them come first
    function add(token, weight, groups) { terms.push({token: token, weight: weight, groups: groups}); }
    function synonyms(key, g) {
      var found = synonymsOf(key);
      if (!found) return false;
      add("+" + key, 1, [g]);  // what the words it stands for add, merged at build time
      found.forEach(function (t) { if (t[0] !== "=" && t[0] !== "#") highlights.push(t); });
      return true;
    }
    q.exact.forEach(function (t) { add(t, t[0] === "#" ? WEIGHT.number : 1, []); });
    q.runs.forEach(function (run) {
      var chars = Array.from(run), groupAt = [];
      for (var i = 0; i + 1 < chars.length; i++) add("~" + chars[i] + chars[i + 1], WEIGHT.bigram, []);
      var parts = segment(run), at = 0;
      parts.forEach(function (part, k) {
        var g = group++;
        for (var c = 0; c < Array.from(part.word).length; c++) groupAt[at + c] = g;
        at += Array.from(part.word).length;
        highlights.push(part.word);
        var next = parts[k + 1], previous = parts[k - 1];
        // a lone character is looked up as a word (户); one next to another lone character is read as
        // part of their pair below, which saves a round of shard requests on a slow network
        var paired = part.single && ((next && next.single) || (previous && previous.single));
        if (!paired) add(part.word, part.single ? WEIGHT.single : WEIGHT.word, part.single ? [] : [g]);
        // two characters the vocabulary does not know as a word (党群 in 党群服务中心): their pair is the word
        if (part.single && next && next.single) {
          add("~" + part.word + next.word, WEIGHT.pair, [g]);
          highlights.push(part.word + next.word);
        }
        synonyms(part.word, g);
      });
      // every stretch of three to eight characters that is not a word the index knows may be a known
      // name with one character wrong: the whole query counts fully, a stretch inside it as a word
      for (var size = SLIP.min; size <= Math.min(SLIP.max, chars.length); size++) {
        for (var s = 0; s + size <= chars.length; s++) {
          var stretch = chars.slice(s, s + size);
          if (isWord(stretch.join(""))) continue;
          var whole = size === chars.length && q.runs.length === 1 && !q.words.length;
          var covered = Array.from(new Set(groupAt.slice(s, s + size)));
          slipVariants(stretch, q.outerPairs).forEach(function (v) {
            add(v, whole ? WEIGHT.slip : WEIGHT.slipInside, covered);
          });
        }
      }
    });
    // English: each stem is a concept; a synonym of up to four words (certified social workers)
    // makes the words it covers one concept
    var stems = q.words.map(stem), groupOf = [];
    stems.forEach(function (s, i) {
      if (groupOf[i] === undefined) groupOf[i] = group++;
      var g = groupOf[i];
      highlights.push(q.words[i]);
      add(s, WEIGHT.word, [g]);
      for (var n = Math.min(4, stems.length - i); n >= 1; n--) {
        if (!synonyms(stems.slice(i, i + n).join(" "), g)) continue;
        for (var k = i + 1; k < i + n; k++) groupOf[k] = g;
        break;
      }
    });
    // pinyin: a run of pinyin words is one concept with the words it covers
    q.pinyin.forEach(function (run) {
      var covered = run.words.map(function (k) { return q.wordAt.indexOf(k); }).filter(function (i) { return i >= 0; });
      var gs = Array.from(new Set(covered.map(function (i) { return groupOf[i]; })));
      if (!gs.length) gs = [group++];
      run.tokens.forEach(function (t) { add(t, WEIGHT.pinyin, gs); });
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

  function rank(p, q) {
    var scores = {}, matched = {};
    p.terms.forEach(function (term) {
      var list = postingsOf(term.token) || [];
      for (var i = 0; i < list.length; i += 2) {
        var d = list[i];
        scores[d] = (scores[d] || 0) + list[i + 1] * term.weight;
        term.groups.forEach(function (g) { (matched[d] = matched[d] || {})[g] = true; });
      }
    });
    var groups = Math.max(1, p.groups), kinds = index.manifest.kinds || "", prefer = q ? q.intent : "";
    return Object.keys(scores).map(function (d) {
      // pages that match more of the query's words come first
      var share = (Object.keys(matched[d] || {}).length + 1) / (groups + 1);
      // what the question asks for: a definition (是什么, what is) prefers a term, a number (多少, how many) an indicator
      var fit = prefer && kinds[d] === prefer ? RANK.intent : 1;
      return {id: Number(d), score: scores[d] * share * share * fit};
    }).sort(function (a, b) { return b.score - a.score || a.id - b.id; });
  }

  // the shards a query needs: those of its pairs of characters and its words, typed or not; then, when its
  // words leave a lone character (网格|员), that character's shard, and with it the page file of the best result
  // so far, which is nearly always still the best: the first card then waits for one round trip, not two
  // (``early``: search() asks for it; warm() does not, for what a reader has not finished typing)
  function loadQuery(q, early) {
    return loadShards(q.shardKeys).then(function (whole) {
      var p = plan(q), tokens = p.terms.map(function (t) { return t.token; });
      if (early && tokens.some(function (t) { return !index.shards[shardOf(t)]; })) {
        var best = rank(p, q)[0];
        if (best) load("d/" + best.id).catch(function () { /* shown as a missing card if it is needed */ });
      }
      return loadShards(tokens).then(function (rest) { return {plan: p, whole: whole && rest}; });
    });
  }

  function search(query) {
    return load("manifest").then(function () {
      var q = analyse(query);
      if (!q.shardKeys.length) return {query: q, results: [], highlights: []};
      return loadQuery(q, true).then(function (loaded) {
        var p = loaded.plan;
        return {query: q, results: rank(p, q), highlights: p.highlights, partial: !loaded.whole, plan: p};
      });
    });
  }

  // start loading what a query needs while the reader is still typing (search-ui.js waits 120 ms after the last
  // key before it ranks), as soon as the manifest is there (a reader may type before it has arrived)
  function warm(query) {
    if (!query.trim()) return;
    load("manifest").then(function () { return loadQuery(analyse(query), false); })
      .catch(function () { /* search() reports a file that cannot be loaded */ });
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
  window.cgSearch.postings = postingsOf;
  window.cgSearch.shardOf = shardOf;
  window.cgSearch.pinyinRuns = function (words) { return pinyinRuns(words).map(function (run) { return run.tokens; }); };
  window.cgSearch.slipVariants = slipVariants;
  window.cgSearch.intent = function (query) { return analyse(query).intent; };  // the kind of page a question asks for
  window.cgSearch.firstShardKeys = function (query) {  // what decides the shards a query asks for as soon as it is typed
    return Array.from(new Set(analyse(query).shardKeys.map(shardKey)));
  };
})();
