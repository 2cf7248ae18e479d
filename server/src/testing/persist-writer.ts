// A child process for the crash test of knowledge/persist.ts: saves a large snapshot over and over until it is killed.
import { saveSnapshot, type Snapshot } from '../knowledge/persist.js';

const [dir, count] = process.argv.slice(2);
const n = Number(count);
const dim = 64;
const snapshot: Snapshot = {
  embedder: 'hash-64',
  dim,
  chunks: Array.from({ length: n }, (_, i) => ({
    id: `big${i}`,
    docId: `big${i}`,
    title: 'T',
    heading: '',
    text: 'x'.repeat(200),
    collection: 'general',
    tags: [],
    hash: `big${i}`,
  })),
  vectors: Float32Array.from({ length: n * dim }, (_, i) => i % 97),
  sources: {},
};
for (;;) await saveSnapshot(dir, snapshot);
