// Runs compendium-checks.js under node for tests/test_decap_checks.py. Reads {checks, quotes, entries} as
// JSON on stdin: quotes are [document id, quote] pairs, entries are the arguments of problems(). Prints
// {contains: [bool per quote], problems: [[message, ...] per entry]}.
import { readFileSync } from 'node:fs';
import { makeChecker } from '../../generator/editor/assets/compendium-checks.js';

const job = JSON.parse(readFileSync(0, 'utf8'));
const checker = makeChecker(job.checks);
console.log(JSON.stringify({
  contains: job.quotes.map(([documentId, quote]) => checker.contains(documentId, quote)),
  problems: job.entries.map((entry) => checker.problems(entry)),
}));
