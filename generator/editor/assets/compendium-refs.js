// The clause picker of the web form: a field that cites a document, a clause or a fact (a case's sources, a term's
// definition, a case's related documents, a course's clauses). Each choice shows its readable citation, as the site
// prints it (《社区治理创新专项行动方案》四、（二）), and the start of its words, wrapped to the screen; typing searches
// the clauses' words and the documents' names, and clauses that hold the typed phrase as it is typed come first.
// The list comes from checks.json (refs: [ref, kind, citation, words], generator/editor/decap_refs.py).
// rankRefs runs under node too (tests/js/decap_refs.mjs).

const SHOWN = 40; // choices shown at once; typing more narrows them
const START = 70; // characters of a clause shown under its citation

function flat(text) {
  return String(text || '').replace(/\s+/gu, '').toLowerCase();
}

function bigrams(text) {
  const chars = Array.from(text);
  const grams = new Set();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  if (chars.length === 1) grams.add(chars[0]);
  return grams;
}

// The refs matching `query`, best first: the typed phrase itself in the clause's words or citation, then every typed
// word somewhere in it, then most of the phrase's two-character pieces; in reading order within each rank.
export function rankRefs(refs, query, kinds = null) {
  const wanted = kinds ? refs.filter(([, kind]) => kinds.includes(kind)) : refs;
  const phrase = flat(query);
  if (!phrase) return wanted.map((ref) => ({ ref, rank: 3, at: -1 }));
  const words = String(query).trim().toLowerCase().split(/\s+/u).filter(Boolean);
  const pieces = bigrams(phrase);
  const found = [];
  wanted.forEach((ref, order) => {
    const [id, , citation, text] = ref;
    const words_ = flat(text);
    const named = flat(citation);
    let rank = -1;
    const at = words_.indexOf(phrase);
    if (at >= 0) rank = 0; // the phrase, as typed, in the clause's own words
    else if (named.includes(phrase) || id.toLowerCase().includes(phrase)) rank = 0.5; // in the document's name
    else if (words.length > 1 && words.every((word) => words_.includes(word) || named.includes(word))) rank = 1;
    else {
      const mine = bigrams(words_ + named);
      let shared = 0;
      for (const piece of pieces) if (mine.has(piece)) shared += 1;
      if (pieces.size && shared / pieces.size >= 0.6) rank = 2 - shared / pieces.size / 2;
    }
    if (rank >= 0) found.push({ ref, rank, at, order });
  });
  return found.sort((a, b) => a.rank - b.rank || a.order - b.order);
}

// Where the phrase is in a long clause: "…context…", so a match past the first lines shows on the card too.
export function context(text, query) {
  const phrase = String(query || '').trim();
  const at = phrase ? String(text).indexOf(phrase) : -1;
  if (at < START - phrase.length) return null;
  const from = Math.max(0, at - 12);
  return { before: `…${text.slice(from, at)}`, match: phrase, after: `${text.slice(at + phrase.length, at + phrase.length + 24)}…` };
}

function start(text, limit = START) {
  const chars = Array.from(String(text || ''));
  return chars.length > limit ? `${chars.slice(0, limit).join('')}…` : chars.join('');
}

function asArray(value) {
  if (value === null || value === undefined || value === '') return [];
  if (typeof value === 'string') return [value];
  if (typeof value.toJS === 'function') return value.toJS();
  return Array.from(value);
}

// Registers the widget "compendium-ref" with Decap (React through Decap's own window.h and window.createClass).
export function registerRefWidget(CMS, data) {
  const h = window.h;
  const byRef = new Map(data.refs.map((ref) => [ref[0], ref]));

  function card(id, query, extra) {
    const known = byRef.get(id);
    // a reference to a clause no longer in the corpus: said so, with the reference as the only thing known of it
    const [, , citation, text] = known || [id, 'unknown', '找不到这一条，请重新选择 / not found: choose again', id];
    const near = query ? context(text, query) : null;
    return [
      h('strong', { className: 'cg-ref-citation', key: 'c' }, citation),
      h('span', { className: 'cg-ref-text', key: 't' }, start(text, near ? START / 2 : START)), // shorter when the match shows too
      near && h('span', { className: 'cg-ref-context', key: 'x' }, near.before, h('mark', null, near.match), near.after),
      extra,
    ];
  }

  const Control = window.createClass({
    getInitialState() {
      return { query: '', open: false, active: 0 };
    },
    multiple() {
      return Boolean(this.props.field.get('multiple'));
    },
    kinds() {
      const kinds = this.props.field.get('kinds');
      return kinds ? asArray(kinds) : null;
    },
    choose(id) {
      const { value, onChange, field } = this.props;
      if (!this.multiple()) {
        onChange(id);
      } else if (value && typeof value.push === 'function' && typeof value.toJS === 'function') {
        if (!value.includes(id)) onChange(value.push(id));
      } else {
        const empty = field.get('default');
        const list = empty && typeof empty.clear === 'function' ? empty.clear() : null;
        const current = asArray(value);
        if (!current.includes(id)) onChange(list ? list.concat(current).push(id) : [...current, id]);
      }
      this.setState({ query: '', open: false, active: 0 });
    },
    remove(id) {
      const { value, onChange } = this.props;
      if (!this.multiple()) onChange('');
      else if (value && typeof value.filter === 'function' && typeof value.toJS === 'function') onChange(value.filter((item) => item !== id));
      else onChange(asArray(value).filter((item) => item !== id));
    },
    keys(event) {
      const results = this.results();
      if (event.key === 'ArrowDown') this.setState({ open: true, active: Math.min(this.state.active + 1, results.length - 1) });
      else if (event.key === 'ArrowUp') this.setState({ active: Math.max(this.state.active - 1, 0) });
      else if (event.key === 'Enter' && this.state.open && results[this.state.active]) {
        event.preventDefault();
        this.choose(results[this.state.active].ref[0]);
      } else if (event.key === 'Escape') this.setState({ open: false });
      else return;
      event.preventDefault();
    },
    results() {
      return rankRefs(data.refs, this.state.query, this.kinds()).slice(0, SHOWN);
    },
    render() {
      const { forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
      const chosen = asArray(this.props.value);
      const list = `${forID}-choices`;
      const all = rankRefs(data.refs, this.state.query, this.kinds());
      const results = all.slice(0, SHOWN);
      const options = this.state.open ? results.map((item, index) => h('li', {
        key: item.ref[0], id: `${forID}-choice-${index}`, role: 'option', 'data-ref': item.ref[0],
        'aria-selected': index === this.state.active ? 'true' : 'false',
        className: `cg-ref-option${index === this.state.active ? ' cg-ref-active' : ''}`,
        onMouseDown: (event) => event.preventDefault(), // keep the focus (and the list) until chosen
        onClick: () => this.choose(item.ref[0]),
      }, card(item.ref[0], this.state.query))) : [];
      return h('div', { className: `${classNameWrapper} cg-ref` },
        chosen.length ? h('ul', { className: 'cg-ref-chosen' }, chosen.map((id) => h('li', { key: id, 'data-ref': id },
          card(id, '', h('button', { type: 'button', key: 'r', className: 'cg-ref-remove', onClick: () => this.remove(id),
            'aria-label': `移除 / remove ${(byRef.get(id) || [id, '', id])[2]}` }, this.multiple() ? '移除 / remove' : '更换 / change'))))) : null,
        (this.multiple() || !chosen.length) ? h('input', {
          id: forID, type: 'search', className: 'cg-ref-search', value: this.state.query, autoComplete: 'off',
          role: 'combobox', 'aria-expanded': this.state.open ? 'true' : 'false', 'aria-controls': list,
          'aria-activedescendant': this.state.open && results.length ? `${forID}-choice-${this.state.active}` : undefined,
          placeholder: '输入几个字查找 / search', // short enough for a nested field on a phone; the hint under it says what to type
          onChange: (event) => this.setState({ query: event.target.value, open: true, active: 0 }),
          onFocus: () => { this.setState({ open: true }); if (setActiveStyle) setActiveStyle(); },
          onBlur: () => { this.setState({ open: false }); if (setInactiveStyle) setInactiveStyle(); },
          onKeyDown: this.keys,
        }) : null,
        this.state.open ? h('ul', { id: list, role: 'listbox', className: 'cg-ref-options' }, options,
          all.length > SHOWN ? h('li', { className: 'cg-ref-more', key: 'more' },
            `还有 ${all.length - SHOWN} 项，请多输入几个字 / ${all.length - SHOWN} more: type more words`) : null,
          !all.length ? h('li', { className: 'cg-ref-more', key: 'none' }, '没有找到，请换几个字 / nothing found; try other words') : null)
          // words typed but nothing chosen: the words alone are not a source (the form would only say the field is empty)
          : this.state.query.trim() ? h('p', { className: 'cg-ref-pending', role: 'status' },
            '还没有选定：请点一下列表中的一项 / not chosen yet: tap one of the choices in the list') : null);
    },
  });
  const Preview = window.createClass({
    render() {
      return h('span', null, asArray(this.props.value).map((id) => (byRef.get(id) || [id, '', id])[2]).join('；'));
    },
  });
  CMS.registerWidget('compendium-ref', Control, Preview);
}
