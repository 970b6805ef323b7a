/* Reading an offline pack (generator/site/offline.py) once lzmaDecode has unpacked it: a 4-byte length, a JSON
   index [[path, length], …], then the files one after the other. The entry offline/terms.bin holds search term
   shards written smaller (generator/site/offline_terms.py); they are written back here byte for byte.
   tests/test_offline.py runs this under node against the built files. */
var PACK_TERMS = "offline/terms.bin";

// a path inside the language's folder, as the build writes them: no "..", no leading "/", no scheme or host
var PACK_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\:?#]+$/;
// the JSON of an index, else an error of the pack's own (a damaged pack says so, never "Unexpected token")
function packJson(bytes) {
  "use strict";
  try { return JSON.parse(new TextDecoder("utf-8", {fatal: true}).decode(bytes)); }
  catch (error) { throw new Error("pack: the index is not readable"); }
}

function packFiles(data) {
  "use strict";
  if (data.length < 4) throw new Error("pack: too short");
  var length = new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true);
  if (4 + length > data.length) throw new Error("pack: index longer than the pack");
  var index = packJson(data.subarray(4, 4 + length)), files = [], offset = 4 + length;
  if (!Array.isArray(index)) throw new Error("pack: no index");
  index.forEach(function (entry) {
    if (!Array.isArray(entry) || typeof entry[0] !== "string" || !PACK_PATH.test(entry[0]) ||
        !(entry[1] >= 0 && entry[1] === Math.floor(entry[1])) || offset + entry[1] > data.length) {
      throw new Error("pack: bad entry");
    }
    var body = data.slice(offset, offset + entry[1]);
    offset += entry[1];
    if (entry[0] === PACK_TERMS) files = files.concat(termShards(body));
    else files.push([entry[0], body]);
  });
  if (offset !== data.length) throw new Error("pack: " + (data.length - offset) + " bytes left over");
  return files;
}

function termShards(blob) {
  "use strict";
  if (blob.length < 4) throw new Error("pack: term shards too short");
  var length = new DataView(blob.buffer, blob.byteOffset, 4).getUint32(0, true);
  if (4 + length > blob.length) throw new Error("pack: term shards cut off");
  var meta = packJson(blob.subarray(4, 4 + length)), at = 4 + length;
  if (!meta || !Array.isArray(meta.paths) || !Array.isArray(meta.tokens) || !Array.isArray(meta.heads) ||
      !Array.isArray(meta.synonyms) || !Array.isArray(meta.tails)) throw new Error("pack: term shards without their index");
  var encoder = new TextEncoder(), shards = [];
  function varint() {
    var value = 0, scale = 1, byte;
    do {
      if (at >= blob.length || scale > 9007199254740992) throw new Error("pack: term shards do not add up");
      byte = blob[at++];
      value += (byte & 0x7F) * scale;
      scale *= 128;
    } while (byte >= 0x80);
    return value;
  }
  meta.paths.forEach(function (path, i) {
    if (typeof path !== "string" || !PACK_PATH.test(path) || !Array.isArray(meta.tokens[i])) throw new Error("pack: bad entry");
    var entries = meta.tokens[i].map(function (token) {
      var count = varint(), pairs = [], page = 0;
      if (count > (blob.length - at) / 2) throw new Error("pack: term shards do not add up");  // two numbers a pair
      for (var n = 0; n < count; n++) {
        page += varint();
        pairs.push([page, varint()]);
      }
      pairs.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });  // best score first, as the index has them
      return JSON.stringify(token) + ":[" + pairs.map(function (pair) { return pair[0] + "," + pair[1]; }).join(",") + "]";
    });
    shards.push([path, encoder.encode(meta.heads[i] + "{" + entries.join(",") + "}," + meta.synonyms[i] + meta.tails[i])]);
  });
  if (at !== blob.length) throw new Error("pack: term shards do not add up");
  return shards;
}
