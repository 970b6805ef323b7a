// Runs the clause picker's ranking (compendium-refs.js) under node for tests/test_decap_refs.py: reads {refs, queries,
// kinds} as JSON on stdin, prints, per query, the refs in the order the picker lists them with their rank.
import { readFileSync } from 'node:fs';
import { rankRefs } from '../../generator/editor/assets/compendium-refs.js';

const job = JSON.parse(readFileSync(0, 'utf8'));
console.log(JSON.stringify(job.queries.map((query) => rankRefs(job.refs, query, job.kinds ?? null).map(({ ref, rank }) => [ref[0], rank]))));
