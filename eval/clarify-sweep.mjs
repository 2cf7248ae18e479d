#!/usr/bin/env node
// What `dialog.clarifyBelow` would do on a replayed set: every sourced answer whose confidence is below the threshold
// becomes a clarifying question (right for a `clarify` row, wrong for an `answer` row). Reads the per-turn JSONL that
// `switchboard eval conversations --turns FILE` writes (run with clarifyBelow 0). A first-order estimate: the turns
// after a clarifying question are not replayed.
// Usage: node eval/clarify-sweep.mjs turns.jsonl [more.jsonl …]
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node eval/clarify-sweep.mjs turns.jsonl [more.jsonl …]');
  process.exit(2);
}
for (const file of files) {
  const turns = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const right = turns.filter((t) => t.pass).length;
  console.log(`${file}: ${turns.length} turns, handled right ${right} with clarifyBelow 0`);
  console.log('clarifyBelow  right answers lost  wrong answers replaced  clarify rows gained  handled right');
  for (let t = 0; t <= 0.701; t += 0.05) {
    const asked = turns.filter((x) => x.outcome.sourced && x.outcome.confidence != null && x.outcome.confidence < t);
    const lost = asked.filter((x) => x.expect === 'answer' && x.pass).length;
    const replaced = asked.filter((x) => x.expect === 'answer' && !x.pass).length;
    const gained = asked.filter((x) => x.expect === 'clarify' && !x.pass).length;
    const handled = right - lost + gained;
    console.log(`${t.toFixed(2).padEnd(14)}${String(lost).padEnd(20)}${String(replaced).padEnd(24)}${String(gained).padEnd(21)}${handled} (${((100 * handled) / turns.length).toFixed(1)}%)`);
  }
}
