// Starts the admin: one custom format per collection (key order from formats.json, generated from the
// content model), the checks Decap cannot make itself (checks.json: quotes against their source and the clause
// they cite, ids and aliases taken; raw HTML and unsafe links, with the vendored markdown-it), the clause picker
// (compendium-refs.js: readable citations, searched by the clauses' words),
// then Decap CMS with config.yml. Everything is loaded from this folder; nothing from another host.
import * as YAML from './vendor/yaml/index.js';
import { makeFormat } from './compendium-format.js';
import { registerChecks } from './compendium-checks.js';
import { registerRefWidget } from './compendium-refs.js';

const [formats, checks] = await Promise.all(
  ['./formats.json', './checks.json'].map((file) => fetch(file).then((response) => response.json())));
for (const [name, spec] of Object.entries(formats)) {
  window.CMS.registerCustomFormat(name, 'yml', makeFormat(YAML, spec));
}
registerChecks(window.CMS, checks, window.markdownit, showProblems);
registerRefWidget(window.CMS, checks);
window.CMS.init();

// Decap's own notice disappears after 8 seconds; this box stays until the problems are fixed or it is closed.
function showProblems(problems) {
  let box = document.getElementById('cg-check');
  if (!problems.length) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = document.createElement('div');
    box.id = 'cg-check';
    box.setAttribute('role', 'alert');
    document.body.append(box);
  }
  const heading = document.createElement('p');
  heading.textContent = '未保存，请先修改 / Not saved; please fix:';
  const list = document.createElement('ul');
  for (const problem of problems) {
    const item = document.createElement('li');
    item.textContent = problem;
    list.append(item);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '关闭 / close';
  close.addEventListener('click', () => box.remove());
  box.replaceChildren(heading, list, close);
}
