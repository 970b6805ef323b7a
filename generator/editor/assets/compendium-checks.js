// Checks an entry before Decap saves it, as `compendium check` would, for what Decap's own field checks
// cannot see: every quote occurs word for word in the source it cites, and in the clause it cites (each
// clause's stretch of the source, regions in checks.json); documents are named by their title; a new entry's
// id and every alias are not taken; no text holds raw HTML, an attribute list or a link other than http,
// https, mailto or a relative one.
// The data comes from checks.json (generator/editor/decap_checks.py): each document's fingerprint, the
// ordered BLAKE2b hashes of every 4-character window of its text with whitespace removed, exactly as
// generator/content/quotes.py computes them, and the ids, names and aliases in use. Texts are parsed with
// markdown-it 14.1.0, the version markdown-it-py ports, set up as generator/content/textsafety.py sets it
// (MarkdownSafety), with the same link and attribute-list rules. Runs in the browser and under node.
import { blake2b } from './vendor/noble-hashes/blake2.js';

const encoder = new TextEncoder();
const SAFE_SCHEMES = ['http', 'https', 'mailto'];
const SCHEME = /^([a-z][a-z0-9+.\-]*):/;
// Python-Markdown's attr_list: `{: …}` anywhere, or `{ #id }`, `{ .class }`, `{ key=value }` (textsafety.ATTRIBUTE_LIST)
const ATTRIBUTE_LIST = /\{:[^{}\n]*\}|\{[ \t]*(?:[#.][^ \t\n{}]|[A-Za-z_:][A-Za-z0-9_:.\-]*[ \t]*=)[^{}\n]*\}/g;

// textsafety.unsafe_link: only http(s), mailto and relative targets, read as a browser reads them.
export function unsafeLink(href) {
  const decoded = href.replace(/%([0-7][0-9a-fA-F])/g, (match, hex) => String.fromCharCode(parseInt(hex, 16)));
  for (const candidate of [href, decoded]) {
    const url = candidate.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '').toLowerCase();
    if (['//', '\\\\', '/\\', '\\/'].includes(url.slice(0, 2))) return true;
    const scheme = SCHEME.exec(url);
    if (scheme) {
      if (!SAFE_SCHEMES.includes(scheme[1])) return true;
      continue;
    }
    if (url.split(/[/?#]/, 1)[0].includes(':')) return true;
  }
  return false;
}

// textsafety.absolute_web_address: what a document's source.url must be.
function absoluteWebAddress(url) {
  return !unsafeLink(url) && /^https?:\/\/[^/\s]/i.test(url.trim());
}

// Every string in the entry with its field path, leaving out the file format's own keys (__original, __refs).
function strings(value, path, found) {
  if (typeof value === 'string') found.push([path.join('.'), value]);
  else if (Array.isArray(value)) value.forEach((item, index) => strings(item, [...path, index], found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (!key.startsWith('__')) strings(item, [...path, key], found);
  }
  return found;
}

export function makeChecker(data, markdownit) {
  const markdown = markdownit ? markdownit('commonmark', { html: true }) : null;
  if (markdown) markdown.validateLink = () => true; // so that javascript: links are parsed, and reported
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

  // Where the quote occurs in the document's text (whitespace ignored), as Fingerprint.positions finds it.
  function positions(print, quote) {
    const flat = Array.from(quote.replace(/\s+/gu, ''));
    if (flat.length < data.window) return [];
    const wanted = [];
    for (let i = 0; i + data.window <= flat.length; i++) wanted.push(digest(flat.slice(i, i + data.window).join('')));
    const last = print.hashes.length - wanted.length;
    return (print.starts.get(wanted[0]) || []).filter(
      (start) => start <= last && wanted.every((hash, offset) => print.hashes[start + offset] === hash));
  }

  function contains(print, quote) {
    return positions(print, quote).length > 0;
  }

  const citations = new Map((data.refs || []).map(([ref, kind, citation]) => [ref, [kind, citation]]));
  const titleOf = (documentId) => `《${(data.titles || {})[documentId] || documentId}》`;
  const citationOf = (ref) => (citations.get(ref) || [null, ref])[1];

  // The clause the quote is in, when it is not in the one the reference names (as QuoteChecker._wrong_clause decides).
  function rightClause(documentId, anchor, starts, length) {
    const regions = (data.regions || {})[documentId] || {};
    const inside = (stretches) => starts.some((start) => stretches.some(([from, to]) => from <= start && start + length <= to));
    if (!anchor || !regions[anchor] || inside(regions[anchor])) return null;
    const holder = Object.keys(regions).find((other) => (citations.get(`${documentId}#${other}`) || [])[0] === 'clause'
      && inside(regions[other]));
    return holder ? `${documentId}#${holder}` : null;
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
      const [documentId, anchor] = String(ref).split('#');
      if (!(documentId in data.documents)) continue; // a missing capture or document: check reports it
      const print = printOf(documentId);
      const shown = quote.length > 24 ? `${quote.slice(0, 24)}…` : quote;
      const title = titleOf(documentId);
      if (print === null) {
        found.push(`${where}：${title} 没有存档原文，引文无法核对 / ${title} has no captured source, so the quote cannot be checked`);
        continue;
      }
      const starts = positions(print, quote);
      if (!starts.length) {
        found.push(`${where}：“${shown}” 在 ${title} 的原文中找不到，须逐字一致（可从原文复制）/ ` +
          `'${shown}' does not occur in the text of ${title}; it must be word for word (copy it from the source)`);
        continue;
      }
      const right = rightClause(documentId, anchor, starts, Array.from(quote.replace(/\s+/gu, '')).length);
      if (right) {
        found.push(`${where}：“${shown}” 不在所选的 ${citationOf(ref)} 中，而在 ${citationOf(right)} 中；请改选该条款 / ` +
          `'${shown}' is not in ${citationOf(ref)}, which you chose, but in ${citationOf(right)}: choose that clause`);
      }
    }
    if (markdown) {
      for (const [field, text] of strings(entry, [], [])) {
        const shown = labelOf(collection, field);
        const findings = field.split('.').pop() === 'url'
          ? (absoluteWebAddress(text) ? [] : [['unsafe-link', text.slice(0, 60)]])
          : unsafe(text);
        for (const [code, what] of findings) {
          found.push(code === 'raw-html'
            ? `${shown}：文本中不允许使用 HTML：${what} / ${shown}: HTML is not allowed in text: ${what}`
            : code === 'attribute-list'
              ? `${shown}：文本中不允许使用属性列表（花括号标记）：${what}；请删去，需要花括号时写全角的 ｛｝/ ${shown}: attribute ` +
                `lists (curly-brace markup) are not allowed in text: ${what}; remove it, or write full-width braces ｛｝`
              : `${shown}：不允许的链接地址：${what}（只允许 http、https、mailto 和站内链接）/ ${shown}: link not allowed: ` +
                `${what} (only http, https, mailto and relative links)`);
        }
      }
    }
    found.push(...aliasProblems(collection, entry));
    const taken = data.ids[collection] || [];
    const named = labelOf(collection, 'id').slice(1, -1); // 网址名, as the form labels the entry's id
    if (isNew && entry.id && taken.includes(entry.id)) {
      found.push(`${named} “${entry.id}” 已被另一个条目使用，请换一个 / the name '${entry.id}' in the web address is ` +
        'already used by another entry; choose another');
    }
    if (!isNew && slug && entry.id && entry.id !== slug) {
      found.push(`已有条目的${named}不能在表单里修改，请改回 “${slug}” / the name in the web address of an existing ` +
        `entry cannot be changed in the form; change it back to '${slug}'`);
    }
    return found;
  }

  // "steps.0.title.zh" as the form shows it: "按顺序的步骤 第 1 项 › 步骤名称 › 中文文本".
  function labelOf(collection, field) {
    const labels = (data.labels || {})[collection] || {};
    const parts = field.split('.');
    const named = [];
    const shown = [];
    for (const part of parts) {
      if (/^\d+$/.test(part)) {
        if (shown.length) shown[shown.length - 1] += ` 第 ${Number(part) + 1} 项`;
        continue;
      }
      named.push(part);
      const chain = labels[named.join('.')];
      shown.push(chain ? chain.split(' › ').pop() : part);
    }
    return `“${shown.join(' › ')}”`;
  }

  // Raw HTML, unsafe links and attribute lists, found exactly as MarkdownSafety._findings finds them.
  function unsafe(text) {
    const found = [];
    if (!/[<[{]/.test(text)) return found; // as textsafety._MAY_MATTER: nothing to find without these
    for (const token of markdown.parse(text, {})) {
      for (const child of token.children && token.children.length ? token.children : [token]) {
        if (child.type === 'html_inline' || child.type === 'html_block') found.push(['raw-html', child.content.trim().slice(0, 60)]);
        const href = child.type === 'link_open' ? child.attrGet('href') : null;
        const src = child.type === 'image' ? child.attrGet('src') : null;
        for (const target of [href, src]) {
          if (typeof target === 'string' && unsafeLink(target)) found.push(['unsafe-link', target.slice(0, 60)]);
        }
      }
    }
    for (const match of text.matchAll(ATTRIBUTE_LIST)) found.push(['attribute-list', match[0].slice(0, 60)]);
    return found;
  }

  // An alias must lead to one page (Linker._check_aliases): not this entry's own name again, not another
  // entry's name or alias; a case and the glossary term of the same work method may share one.
  function aliasProblems(collection, entry) {
    const kind = data.kinds[collection];
    if (!data.kind_names[kind]) return [];
    const found = [];
    const own = new Set([entry.name && entry.name.zh].filter(Boolean));
    const others = data.names.filter(([otherKind, otherId]) => !(otherKind === kind && otherId === entry.id));
    const shared = (otherKind) => (otherKind === 'case' && kind === 'term') || (otherKind === 'term' && kind === 'case');
    const owner = (text) => others.find(([otherKind, , name, aliases]) => (name === text || aliases.includes(text)) && !shared(otherKind));
    for (const alias of entry.aliases || []) {
      const other = own.has(alias) ? [kind, entry.id] : owner(alias);
      own.add(alias);
      if (other) {
        const [zh, en] = data.kind_names[other[0]];
        const named = other[2] || (entry.name && entry.name.zh) || other[1]; // by its name, not its id
        found.push(`别名 “${alias}” 已是${zh} “${named}” 的名称或别名；一个名称只能指向一个页面 / ` +
          `alias '${alias}' is already the name or an alias of ${en} '${named}'; a name must lead to one page`);
      }
    }
    const name = entry.name && entry.name.zh;
    const clash = name ? others.find(([otherKind, , , aliases]) => aliases.includes(name) && !shared(otherKind)) : null;
    if (clash) {
      const [zh, en] = data.kind_names[clash[0]];
      found.push(`名称 “${name}” 已是${zh} “${clash[2]}” 的别名；一个名称只能指向一个页面 / ` +
        `the name '${name}' is already an alias of ${en} '${clash[2]}'; a name must lead to one page`);
    }
    return found;
  }

  return { contains: (documentId, quote) => contains(printOf(documentId), quote), problems, unsafe };
}

// Registers the check with Decap: a preSave handler that throws stops the save, and Decap shows the message.
export function registerChecks(CMS, data, markdownit, show) {
  const checker = makeChecker(data, markdownit);
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
        // Decap's own notice says only that: the box lists the problems (the notice would repeat them all, over the form)
        const error = new Error('问题列在下方的框里 / the problems are listed in the box below');
        error.name = '未保存 / not saved';
        throw error;
      }
    },
  });
}
