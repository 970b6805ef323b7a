// Runs compendium-format.js under node for tests/test_decap_format.py: reads jobs as JSON on stdin,
// prints one result per job. A job: {text?, spec, set?: [[path, value]], data?}. For each, the entry is
// read with fromFile (unless `data` is given, as for a new entry), the `set` edits are applied the way
// the form would (path into the data; value null removes), and toFile's text is returned.
import { readFileSync } from 'node:fs';
import * as YAML from '../../generator/editor/assets/vendor/yaml/index.js';
import { makeFormat } from '../../generator/editor/assets/compendium-format.js';

const jobs = JSON.parse(readFileSync(0, 'utf8'));
const results = jobs.map((job) => {
  try {
    const format = makeFormat(YAML, job.spec);
    const data = job.data ?? format.fromFile(job.text);
    for (const [path, value] of job.set ?? []) {
      let target = data;
      for (const key of path.slice(0, -1)) target = target[key] ??= typeof key === 'number' ? [] : {};
      const last = path[path.length - 1];
      if (value === null) Array.isArray(target) ? target.splice(last, 1) : delete target[last];
      else target[last] = value;
    }
    return { out: format.toFile(data) };
  } catch (error) {
    return { error: String(error && error.stack || error) };
  }
});
process.stdout.write(JSON.stringify(results));
