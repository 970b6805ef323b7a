// Checks an entry before Decap saves it, as `compendium check` would, for what Decap's own field checks
// cannot see: every quote occurs word for word in the source it cites, and a new entry's id is not taken.
// The data comes from checks.json (generator/editor/decap_checks.py): each document's fingerprint, the
// ordered BLAKE2b hashes of every 4-character window of its text with whitespace removed, exactly as
// generator/content/quotes.py computes them, and the ids in use. Runs in the browser and under node.
import { blake2b } from './vendor/noble-hashes/blake2.js';

const encoder = new TextEncoder();

export function makeChecker(data) {
  const person = new Uint8Array(16);
  person.set(encoder.encode(data.person));
  const prints = new Map();

  function digest(window) {
    const bytes = blake2b(encoder.encode(window), { dkLen: data.digest_bytes, personalization: person });
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  function printOf(documentId) {
    if (!prints.has(documentId)) {
      const encoded = data.documents[documentId];
      let print = encoded;
      if (typeof encoded === 'string') {
        const raw = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
        const hashes = [];
        const starts = new Map();
        for (let i = 0; i + data.digest_bytes <= raw.length; i += data.digest_bytes) {
          const hash = Array.from(raw.subarray(i, i + data.digest_bytes), (b) => b.toString(16).padStart(2, '0')).join('');
          if (!starts.has(hash)) starts.set(hash, []);
          starts.get(hash).push(hashes.length);
          hashes.push(hash);
        }
        print = { hashes, starts };
      }
      prints.set(documentId, print);
    }
    return prints.get(documentId);
  }

  // True when the quote occurs in the document's text (whitespace ignored), as Fingerprint.contains decides.
  function contains(print, quote) {
    const flat = Array.from(quote.replace(/\s+/gu, ''));
    if (flat.length < data.window) return false;
    const wanted = [];
    for (let i = 0; i + data.window <= flat.length; i++) wanted.push(digest(flat.slice(i, i + data.window).join('')));
    const last = print.hashes.length - wanted.length;
    return (print.starts.get(wanted[0]) || []).some(
      (start) => start <= last && wanted.every((hash, offset) => print.hashes[start + offset] === hash));
  }

  // [where, cited reference, quote] of every quote in an entry of this collection, as quotes.py finds them.
  function quotesOf(collection, entry) {
    const found = [];
    if (collection === 'cases') {
      (entry.sources || []).forEach((source, i) => {
        if (source && source.ref && source.quote) found.push([`来源摘录第 ${i + 1} 条 / source quote ${i + 1}`, source.ref, source.quote]);
      });
    } else if (collection === 'terms') {
      (entry.definitions || []).forEach((definition, i) => {
        const source = definition && definition.source;
        if (source && source.ref && source.quote) found.push([`第 ${i + 1} 个定义的出处 / source of definition ${i + 1}`, source.ref, source.quote]);
      });
    }
    return found;
  }

  // Every problem `compendium check` would report for these reasons, as messages in Chinese then English.
  function problems({ collection, slug, isNew, entry }) {
    const found = [];
    for (const [where, ref, quote] of quotesOf(collection, entry)) {
      const documentId = String(ref).split('#')[0];
      if (!(documentId in data.documents)) continue; // a missing capture or document: check reports it
      const print = printOf(documentId);
      const shown = quote.length > 24 ? `${quote.slice(0, 24)}…` : quote;
      if (print === null) {
        found.push(`${where}：文件 ${documentId} 没有存档原文，引文无法核对 / ${documentId} has no captured source, so the quote cannot be checked`);
      } else if (!contains(print, quote)) {
        found.push(`${where}：“${shown}” 在 ${documentId} 的原文中找不到，须逐字一致（可从原文复制）/ ` +
          `'${shown}' does not occur in the text of ${documentId}; it must be word for word (copy it from the source)`);
      }
    }
    const taken = data.ids[collection] || [];
    if (isNew && entry.id && taken.includes(entry.id)) {
      found.push(`编号 “${entry.id}” 已被另一个条目使用，请换一个 / the id '${entry.id}' is already used by another entry; choose another`);
    }
    if (!isNew && slug && entry.id && entry.id !== slug) {
      found.push(`已有条目的编号不能在表单里修改（应为 “${slug}”，文件名随编号而定）/ ` +
        `the id of an existing entry cannot be changed in the form (it is '${slug}', after its file name)`);
    }
    return found;
  }

  return { contains: (documentId, quote) => contains(printOf(documentId), quote), problems };
}

// Registers the check with Decap: a preSave handler that throws stops the save, and Decap shows the message.
export function registerChecks(CMS, data, show) {
  const checker = makeChecker(data);
  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => {
      const found = checker.problems({
        collection: entry.get('collection'),
        slug: entry.get('slug'),
        isNew: Boolean(entry.get('newRecord')),
        entry: entry.get('data').toJS(),
      });
      show(found);
      if (found.length) {
        const error = new Error(found.join('；'));
        error.name = '未保存 / not saved';
        throw error;
      }
    },
  });
}
