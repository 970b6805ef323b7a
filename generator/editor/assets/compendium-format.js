// Decap CMS file format for compendium entries: reads YAML 1.2 and writes what an editor would have written.
//
// fromFile keeps the file's text (__original) beside the data; toFile compares the form's data with it and
// re-emits every unchanged key, list item and comment verbatim, writing only changed values, in block style,
// in the content model's key order. Saving an unopened entry unchanged therefore gives back the same bytes.
// Keys starting with "__" are the format's own and are never written. Runs in the browser and under node.

const HIDDEN = /^__/;
const BILINGUAL_KEYS = new Set(['zh', 'en', 'en_status']);
const RESERVED = /^(null|Null|NULL|~|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$/;
const NUMBER_LIKE = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^0[xXoObB]|^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$|^[0-9:]+$/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/;

export function makeFormat(YAML, spec) {
  return {
    fromFile: (text) => parseEntry(YAML, text, spec),
    toFile: (data) => writeEntry(YAML, data, spec),
  };
}

export function parseEntry(YAML, text, spec) {
  const parsed = YAML.parse(text, { version: '1.2', schema: 'core', uniqueKeys: true });
  const data = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  Object.defineProperty(data, '__original', { value: text, enumerable: true, writable: true, configurable: true });
  return data;
}

export function writeEntry(YAML, data, spec) {
  const clean = normalize(data) || {};
  const original = data && data.__original;
  if (typeof original === 'string') {
    const doc = YAML.parseDocument(original, { version: '1.2', schema: 'core', uniqueKeys: true });
    if (doc.errors.length === 0 && YAML.isMap(doc.contents) && !doc.contents.flow && doc.contents.items.length) {
      const ctx = new Context(YAML, original, doc);
      return ctx.mergeMap(doc.contents, { start: 0, end: original.length }, clean, spec.order, null);
    }
  }
  const ctx = new Context(YAML, '');
  return ctx.emitMapBody(clean, spec.order, 0);
}

// What the form's data means for the file: hidden keys, empty values and bilingual groups without text go.
export function normalize(value) {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(normalize).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value === 'object') {
    const out = {};
    for (const [key, inner] of Object.entries(value)) {
      if (HIDDEN.test(key)) continue;
      const kept = normalize(inner);
      if (kept !== undefined) out[key] = kept;
    }
    const keys = Object.keys(out);
    if (!keys.length) return undefined;
    if (keys.every((key) => BILINGUAL_KEYS.has(key)) && out.zh === undefined && out.en === undefined) return undefined;
    return out;
  }
  return value;
}

export function equal(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => equal(item, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && equal(a[key], b[key]));
  }
  return false;
}

class Context {
  constructor(YAML, text, doc = null) {
    this.YAML = YAML;
    this.text = text;
    this.doc = doc;
    this.seqIndent = detectSeqIndent(text);
  }

  js(node) {
    return node ? node.toJS(this.doc) : null;
  }

  lineStart(offset) {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  lineEnd(offset) {
    const newline = this.text.indexOf('\n', offset);
    return newline === -1 ? this.text.length : newline + 1;
  }

  column(offset) {
    return offset - this.lineStart(offset);
  }

  // Start of the comment and blank lines just above `keyLine` that are not deeper than `indent`: they go with that key.
  leadStart(keyLine, indent, floor) {
    let start = keyLine;
    while (start > floor) {
      const previous = this.lineStart(start - 1);
      const line = this.text.slice(previous, start);
      const body = line.trim();
      const depth = line.length - line.trimStart().length;
      if (body !== '' && !(body.startsWith('#') && depth <= indent)) break;
      start = previous;
    }
    return start;
  }

  // Split a block collection's region into one region per child (key or item), plus leading and trailing text.
  regions(starts, region, indent) {
    const keyLines = starts.map((offset) => this.lineStart(offset));
    const out = [];
    for (let i = 0; i < keyLines.length; i++) {
      const begin = i === 0 ? keyLines[0] : this.leadStart(keyLines[i], indent, keyLines[i - 1]);
      out.push({ start: begin, keyLine: keyLines[i], end: 0 });
      if (i > 0) out[i - 1].end = begin;
    }
    const last = out[out.length - 1];
    last.end = this.leadStart(region.end, indent, last.keyLine + 1);
    if (last.end <= last.keyLine) last.end = region.end;
    return { head: this.text.slice(region.start, out[0].start), parts: out, tail: this.text.slice(last.end, region.end) };
  }

  mergeMap(node, region, value, order, dashColumn) {
    if (equal(normalize(this.js(node)), value)) return this.text.slice(region.start, region.end);
    const indent = this.column(node.items[0].key.range[0]);
    const { head, parts, tail } = this.regions(node.items.map((pair) => pair.key.range[0]), region, indent);
    const pairs = new Map(node.items.map((pair, i) => [String(pair.key.value), { pair, part: parts[i] }]));
    const kept = [...pairs.keys()].filter((key) => key in value || normalize(this.js(pairs.get(key).pair.value)) === undefined);
    const pieces = keyOrder(kept, Object.keys(value), order).map((key) => {
      const known = pairs.get(key);
      if (!known) return this.emitPair(key, value[key], childOrder(order, key), indent);
      const { pair, part } = known;
      if (!(key in value)) return this.text.slice(part.start, part.end);
      return this.mergeValue(pair, part, key, value[key], childOrder(order, key), indent);
    });
    return head + redash(pieces, dashColumn).join('') + tail;
  }

  mergeValue(pair, part, key, value, order, indent) {
    const { YAML } = this;
    const node = pair.value;
    const before = normalize(this.js(node));
    if (equal(before, value)) return this.text.slice(part.start, part.end);
    const keyLineEnd = this.lineEnd(pair.key.range[1]);
    const lead = this.text.slice(part.start, part.keyLine);
    const inner = { start: keyLineEnd, end: part.end };
    const onOwnLine = node && node.range[0] >= keyLineEnd;
    if (onOwnLine && YAML.isMap(node) && !node.flow && node.items.length && isPlainObject(value)) {
      return this.text.slice(part.start, keyLineEnd) + this.mergeMap(node, inner, value, order, null);
    }
    if (onOwnLine && YAML.isSeq(node) && !node.flow && node.items.length && Array.isArray(value)) {
      return this.text.slice(part.start, keyLineEnd) + this.mergeSeq(node, inner, value, order);
    }
    return lead + this.emitPair(key, value, order, indent);
  }

  mergeSeq(node, region, value, order) {
    const { YAML } = this;
    const dash = this.column(this.lineStart(node.items[0].range[0]) + this.text.slice(this.lineStart(node.items[0].range[0])).search(/\S/));
    const { head, parts, tail } = this.regions(node.items.map((item) => item.range[0]), region, dash);
    const before = node.items.map((item) => normalize(this.js(item)));
    const used = new Set();
    const pieces = value.map((item, j) => {
      let match = j < before.length && !used.has(j) && equal(before[j], item) ? j : before.findIndex((b, i) => !used.has(i) && equal(b, item));
      if (match !== -1) {
        used.add(match);
        return this.text.slice(parts[match].start, parts[match].end);
      }
      match = j < before.length && !used.has(j) ? j : -1;
      const original = match === -1 ? null : node.items[match];
      if (original && YAML.isMap(original) && !original.flow && original.items.length && isPlainObject(item)
          && this.lineStart(original.range[0]) === parts[match].keyLine) {
        used.add(match);
        const lead = this.text.slice(parts[match].start, parts[match].keyLine);
        return lead + this.mergeMap(original, { start: parts[match].keyLine, end: parts[match].end }, item, order, dash);
      }
      return this.emitItem(item, order, dash);
    });
    return head + pieces.join('') + tail;
  }

  emitPair(key, value, order, indent) {
    const pad = ' '.repeat(indent);
    if (Array.isArray(value)) return `${pad}${key}:\n${value.map((item) => this.emitItem(item, order, indent + this.seqIndent)).join('')}`;
    if (isPlainObject(value)) return `${pad}${key}:\n${this.emitMapBody(value, order, indent + 2)}`;
    return `${pad}${key}: ${scalar(value, indent)}\n`;
  }

  emitMapBody(value, order, indent) {
    return keyOrder([], Object.keys(value), order).map((key) => this.emitPair(key, value[key], childOrder(order, key), indent)).join('');
  }

  emitItem(item, order, dash) {
    if (isPlainObject(item)) return redash([this.emitMapBody(item, order, dash + 2)], dash).join('');
    if (Array.isArray(item)) throw new Error('nested lists are not part of the content model');
    return `${' '.repeat(dash)}- ${scalar(item, dash + 2)}\n`;
  }
}

// Keys in the file's own order; keys the file did not have go where the model puts them.
function keyOrder(existing, wanted, order) {
  const fields = order ? order.fields : [];
  const rank = (key) => (fields.includes(key) ? fields.indexOf(key) : fields.length);
  const out = [...existing];
  for (const key of wanted) {
    if (out.includes(key)) continue;
    let at = 0;
    for (let i = 0; i < out.length; i++) if (rank(out[i]) <= rank(key)) at = i + 1;
    out.splice(at, 0, key);
  }
  return out;
}

function childOrder(order, key) {
  return order && order.children ? order.children[key] || null : null;
}

// Put the list dash on the first key line of a list item, and only there.
function redash(pieces, dashColumn) {
  if (dashColumn === null || dashColumn === undefined) return pieces;
  let first = true;
  return pieces.map((piece) => {
    const lines = piece.split('\n');
    const at = lines.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#'));
    if (at !== -1) {
      const line = lines[at];
      const mark = first ? '- ' : '  ';
      if (line.slice(dashColumn, dashColumn + 2) === '- ' || line.slice(dashColumn, dashColumn + 2) === '  ') {
        lines[at] = line.slice(0, dashColumn) + mark + line.slice(dashColumn + 2);
      }
      first = false;
    }
    return lines.join('\n');
  });
}

function detectSeqIndent(text) {
  const match = /^( *)[^\s#-][^\n]*:[ \t]*\n(?:[ \t]*#[^\n]*\n)*( *)- /m.exec(text);
  return match ? Math.max(0, match[2].length - match[1].length) : 0;
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function scalar(value, indent) {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  if (text.includes('\n') && !CONTROL.test(text) && !text.includes('\r') && /^\S/.test(text) && !/\n\n+$/.test(text)) {
    const chomp = text.endsWith('\n') ? '' : '-';
    const pad = ' '.repeat(indent + 2);
    const body = (chomp ? text : text.slice(0, -1)).split('\n').map((line) => (line ? pad + line : '')).join('\n');
    return `|${chomp}\n${body}`;
  }
  if (plain(text)) return text;
  if (!text.includes('\n') && !CONTROL.test(text) && !text.includes('\r')) return `'${text.replace(/'/g, "''")}'`;
  return JSON.stringify(text);
}

function plain(text) {
  if (text === '' || text !== text.trim() || /[\n\r\t]/.test(text) || CONTROL.test(text)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) || /: |:$| #/.test(text)) return false;
  return !RESERVED.test(text) && !NUMBER_LIKE.test(text);
}
