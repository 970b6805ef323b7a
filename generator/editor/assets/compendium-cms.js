// Starts the admin: one custom format per collection (key order from formats.json, generated from the
// content model), then Decap CMS with config.yml. Everything is loaded from this folder; nothing from another host.
import * as YAML from './vendor/yaml/index.js';
import { makeFormat } from './compendium-format.js';

const response = await fetch('./formats.json');
const formats = await response.json();
for (const [name, spec] of Object.entries(formats)) {
  window.CMS.registerCustomFormat(name, 'yml', makeFormat(YAML, spec));
}
window.CMS.init();
