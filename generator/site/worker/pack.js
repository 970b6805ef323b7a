/* Reading an offline pack (generator/site/offline.py) once lzmaDecode has unpacked it: a 4-byte length, a JSON
   index [[path, length], …], then the files one after the other. The entry offline/terms.bin holds search term
   shards written smaller (generator/site/offline_terms.py); they are written back here byte for byte.
   tests/test_offline.py runs this under node against the built files. */
var PACK_TERMS = "offline/terms.bin";

function packFiles(data) {
  "use strict";
  var text = new TextDecoder(), length = new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true);
  var index = JSON.parse(text.decode(data.subarray(4, 4 + length))), files = [], offset = 4 + length;
  index.forEach(function (entry) {
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
  var length = new DataView(blob.buffer, blob.byteOffset, 4).getUint32(0, true);
  var meta = JSON.parse(new TextDecoder().decode(blob.subarray(4, 4 + length))), at = 4 + length;
  var encoder = new TextEncoder(), shards = [];
  function varint() {
    var value = 0, scale = 1, byte;
    do {
      byte = blob[at++];
      value += (byte & 0x7F) * scale;
      scale *= 128;
    } while (byte >= 0x80);
    return value;
  }
  meta.paths.forEach(function (path, i) {
    var entries = meta.tokens[i].map(function (token) {
      var count = varint(), pairs = [], page = 0;
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
