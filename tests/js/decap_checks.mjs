// Runs compendium-checks.js under node for tests/test_decap_checks.py. Reads {checks, quotes, entries, texts}
// as JSON on stdin: quotes are [document id, quote] pairs, entries are the arguments of problems(), texts are
// strings to scan for raw HTML and unsafe links. Prints {contains: [bool per quote], problems: [[message, ...]
// per entry], unsafe: [[[code, found], ...] per text]}.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { makeChecker } from '../../generator/editor/assets/compendium-checks.js';

// The admin loads markdown-it's browser bundle with a script tag; under node the same file is a CommonJS module.
const markdownit = createRequire(import.meta.url)('../../generator/editor/assets/vendor/markdown-it/markdown-it.min.js');
const job = JSON.parse(readFileSync(0, 'utf8'));
const checker = makeChecker(job.checks, markdownit);
console.log(JSON.stringify({
  contains: job.quotes.map(([documentId, quote]) => checker.contains(documentId, quote)),
  problems: job.entries.map((entry) => checker.problems(entry)),
  unsafe: (job.texts ?? []).map((text) => checker.unsafe(text)),
}));
