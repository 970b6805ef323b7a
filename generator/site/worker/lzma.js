/* LZMA decoder for the offline packs (.lzma, the "LZMA alone" format Python's lzma module writes with
   FORMAT_ALONE). Written from the LZMA specification (Igor Pavlov's LzmaSpec.cpp, public domain); decoding
   only, into one output buffer, which is also the dictionary (a pack is decoded whole, so the window
   never has to slide). No dependencies: it runs inside sw.js. tests/test_offline.py checks it, under
   node, against Python's encoder on text, binary and edge cases, and on damaged and cut-off streams.
   A damaged stream ends in an error, never in a loop or an ever-growing buffer: each decoded bit narrows the
   range coder's range, so input is read as decoding goes (a cut-off stream runs out), and with expectedSize
   (the worker always gives it) the output never passes that size. LZMA has no checksum of its own: the worker checks each pack's hash before decoding. */
var LZMA_MAX_UNKNOWN = 256 * 1024 * 1024;  // without expectedSize nor a size in the header, never more than this

function lzmaDecode(input, expectedSize) {
  "use strict";
  var PROB_INIT = 1024, TOP = 16777216;
  if (input.length < 13) throw new Error("lzma: too short");
  var props = input[0];
  if (props >= 225) throw new Error("lzma: bad properties");
  var lc = props % 9, lp = Math.floor(props / 9) % 5, pb = Math.floor(props / 45);
  var headerSize = 0;
  for (var b = 0; b < 8; b++) headerSize += input[5 + b] * Math.pow(256, b);
  var sizeKnown = input.slice(5, 13).some(function (x) { return x !== 255; });
  var given = typeof expectedSize === "number" && expectedSize >= 0;
  if (sizeKnown && given && headerSize !== expectedSize) throw new Error("lzma: size " + headerSize + ", expected " + expectedSize);
  // the most the output may hold: what the header or the caller says, else a bound
  var limit = sizeKnown ? headerSize : given ? expectedSize : LZMA_MAX_UNKNOWN;
  if (limit > LZMA_MAX_UNKNOWN && !given) throw new Error("lzma: size " + limit + " too large");
  var out = new Uint8Array(sizeKnown || given ? limit : 65536), pos = 0;
  function room(count) {  // space for count more bytes: the buffer grows only when no size was known
    if (pos + count <= out.length) return;
    if (pos + count > limit) throw new Error("lzma: longer than " + limit + " bytes");
    var bigger = new Uint8Array(Math.min(limit, Math.max(out.length * 2, pos + count)));
    bigger.set(out);
    out = bigger;
  }

  // ----- the range decoder -----
  var inPos = 13, range = 0xFFFFFFFF, code = 0;
  function byte() {
    if (inPos >= input.length) throw new Error("lzma: truncated");
    return input[inPos++];
  }
  if (byte() !== 0) throw new Error("lzma: bad stream");
  for (var i = 0; i < 4; i++) code = code * 256 + byte();
  if (code === range) throw new Error("lzma: bad stream");
  function bit(probs, index) {
    var p = probs[index], bound = (range >>> 11) * p, result;
    if (code < bound) {
      probs[index] = p + ((2048 - p) >>> 5);
      range = bound;
      result = 0;
    } else {
      probs[index] = p - (p >>> 5);
      code -= bound;
      range -= bound;
      result = 1;
    }
    if (range < TOP) { range = range * 256; code = code * 256 + byte(); }
    return result;
  }
  function direct(count) {
    var result = 0;
    while (count--) {
      range = range >>> 1;
      var one = code >= range ? 1 : 0;
      if (one) code -= range;
      result = result * 2 + one;
      if (range < TOP) { range = range * 256; code = code * 256 + byte(); }
    }
    return result;
  }
  function probs(n) { return new Uint16Array(n).fill(PROB_INIT); }
  function tree(p, offset, bits) {
    var m = 1;
    for (var k = 0; k < bits; k++) m = (m << 1) + bit(p, offset + m);
    return m - (1 << bits);
  }
  function reverse(p, offset, bits) {
    var m = 1, symbol = 0;
    for (var k = 0; k < bits; k++) {
      var one = bit(p, offset + m);
      m = (m << 1) + one;
      symbol |= one << k;
    }
    return symbol;
  }

  // ----- the models -----
  var STATES = 12, POS_STATES = 16;
  var literal = probs(0x300 << (lc + lp));
  var isMatch = probs(STATES * POS_STATES), isRep = probs(STATES), isRepG0 = probs(STATES),
      isRepG1 = probs(STATES), isRepG2 = probs(STATES), isRep0Long = probs(STATES * POS_STATES);
  var posSlot = probs(4 << 6), posSpecial = probs(1 + 114), align = probs(16);
  function lengthModel() {
    return {choice: probs(2), low: probs(POS_STATES << 3), mid: probs(POS_STATES << 3), high: probs(256)};
  }
  var lenModel = lengthModel(), repLenModel = lengthModel();
  function length(model, posState) {
    if (bit(model.choice, 0) === 0) return tree(model.low, posState << 3, 3);
    if (bit(model.choice, 1) === 0) return 8 + tree(model.mid, posState << 3, 3);
    return 16 + tree(model.high, 0, 8);
  }
  function distance(len) {
    var slot = tree(posSlot, (len > 3 ? 3 : len) << 6, 6);
    if (slot < 4) return slot;
    var directBits = (slot >>> 1) - 1, dist = (2 | (slot & 1)) * Math.pow(2, directBits);
    if (slot < 14) return dist + reverse(posSpecial, dist - slot, directBits);
    return dist + direct(directBits - 4) * 16 + reverse(align, 0, 4);
  }

  // ----- the main loop -----
  var state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0;
  var pbMask = (1 << pb) - 1, lpMask = (1 << lp) - 1;
  for (;;) {
    if (sizeKnown && pos === limit) break;
    var posState = pos & pbMask;
    if (bit(isMatch, (state << 4) + posState) === 0) {
      var previous = pos > 0 ? out[pos - 1] : 0;
      var base = 0x300 * (((pos & lpMask) << lc) + (previous >>> (8 - lc)));
      var symbol = 1;
      if (state >= 7) {
        var matchByte = out[pos - rep0 - 1];
        while (symbol < 0x100) {
          var matchBit = (matchByte >>> 7) & 1;
          matchByte <<= 1;
          var got = bit(literal, base + ((1 + matchBit) << 8) + symbol);
          symbol = (symbol << 1) | got;
          if (matchBit !== got) break;
        }
      }
      while (symbol < 0x100) symbol = (symbol << 1) | bit(literal, base + symbol);
      room(1);
      out[pos++] = symbol - 0x100;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    var len;
    if (bit(isRep, state) !== 0) {
      if (pos === 0) throw new Error("lzma: bad stream");
      if (bit(isRepG0, state) === 0) {
        if (bit(isRep0Long, (state << 4) + posState) === 0) {  // one byte from rep0
          state = state < 7 ? 9 : 11;
          room(1);
          out[pos] = out[pos - rep0 - 1];
          pos++;
          continue;
        }
      } else {
        var dist;
        if (bit(isRepG1, state) === 0) {
          dist = rep1;
        } else {
          if (bit(isRepG2, state) === 0) {
            dist = rep2;
          } else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(repLenModel, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2; rep2 = rep1; rep1 = rep0;
      len = length(lenModel, posState);
      state = state < 7 ? 7 : 10;
      rep0 = distance(len);
      if (rep0 === 0xFFFFFFFF) break;  // the end marker
      if (rep0 >= pos) throw new Error("lzma: bad distance");
    }
    len += 2;
    room(len);
    for (var n = 0; n < len; n++, pos++) out[pos] = out[pos - rep0 - 1];
  }
  if (given && pos !== expectedSize) throw new Error("lzma: " + pos + " bytes, expected " + expectedSize);
  return pos === out.length ? out : out.subarray(0, pos);
}
