/* Porter's English stemmer (M. F. Porter, 1980), as Snowball's "porter" implements it.
   The index side stems with snowballstemmer.stemmer("porter"); tests/test_search_engine.py
   checks that this function agrees on every English word of the corpus. */
(function (global) {
  "use strict";
  function isConsonant(w, i) {
    var c = w[i];
    if ("aeiou".indexOf(c) >= 0) return false;
    if (c === "y") return i === 0 ? true : !isConsonant(w, i - 1);
    return true;
  }
  function measure(s) { // number of VC sequences in s
    var m = 0, i = 0, n = s.length;
    while (i < n && isConsonant(s, i)) i++;
    while (i < n) {
      while (i < n && !isConsonant(s, i)) i++;
      if (i >= n) break;
      while (i < n && isConsonant(s, i)) i++;
      m++;
    }
    return m;
  }
  function hasVowel(s) { for (var i = 0; i < s.length; i++) if (!isConsonant(s, i)) return true; return false; }
  function doubleConsonant(s) {
    var n = s.length;
    return n >= 2 && s[n - 1] === s[n - 2] && isConsonant(s, n - 1);
  }
  function cvc(s) {
    var n = s.length;
    if (n < 3) return false;
    if (!isConsonant(s, n - 1) || isConsonant(s, n - 2) || !isConsonant(s, n - 3)) return false;
    return "wxy".indexOf(s[n - 1]) < 0;
  }
  function ends(w, suffix) { return w.length >= suffix.length && w.slice(w.length - suffix.length) === suffix; }
  // one rule of a step: the longest matching suffix; replaced when the stem passes the test
  function step(w, rules, test) {
    var best = null;
    for (var i = 0; i < rules.length; i++) {
      if (ends(w, rules[i][0]) && (!best || rules[i][0].length > best[0].length)) best = rules[i];
    }
    if (!best) return w;
    var stem = w.slice(0, w.length - best[0].length);
    return test(stem, best[0]) ? stem + best[1] : w;
  }
  var STEP2 = [["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"],
    ["abli", "able"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"], ["ization", "ize"],
    ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["iveness", "ive"], ["fulness", "ful"],
    ["ousness", "ous"], ["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"]];
  var STEP3 = [["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""]];
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize"].map(function (s) { return [s, ""]; });
  function m0(stem) { return measure(stem) > 0; }

  function porterStem(word) {
    var w = word;
    if (!w) return w;
    // Step 1a
    if (ends(w, "sses")) w = w.slice(0, -2);
    else if (ends(w, "ies")) w = w.slice(0, -2);
    else if (ends(w, "ss")) { /* unchanged */ }
    else if (ends(w, "s")) w = w.slice(0, -1);
    // Step 1b
    if (ends(w, "eed")) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    } else {
      var cut = ends(w, "ed") ? 2 : ends(w, "ing") ? 3 : 0;
      if (cut && hasVowel(w.slice(0, -cut))) {
        w = w.slice(0, -cut);
        if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) w += "e";
        else if (doubleConsonant(w) && "lsz".indexOf(w[w.length - 1]) < 0) w = w.slice(0, -1);
        else if (measure(w) === 1 && cvc(w)) w += "e";
      }
    }
    // Step 1c
    if (ends(w, "y") && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + "i";
    w = step(w, STEP2, m0);
    w = step(w, STEP3, m0);
    w = step(w, STEP4, function (stem, suffix) {
      if (measure(stem) <= 1) return false;
      return suffix !== "ion" || ends(stem, "s") || ends(stem, "t");
    });
    // Step 5a
    if (ends(w, "e")) {
      var stem = w.slice(0, -1), m = measure(stem);
      if (m > 1 || (m === 1 && !cvc(stem))) w = stem;
    }
    // Step 5b
    if (measure(w) > 1 && doubleConsonant(w) && ends(w, "l")) w = w.slice(0, -1);
    return w;
  }
  global.cgPorterStem = porterStem;
})(typeof window !== "undefined" ? window : globalThis);
