/**
 * Fit the answer model (`answer-model.json`): a logistic unit scorer and a Platt confidence, by cross-validation on
 * labelled conversation sets. Run: `npx tsx server/src/cli/fit-answer-model.ts --set KB_DIR:DATA.jsonl [--set …]
 * [--folds 5] [--out server/src/agents/answer-model.json] [--version 1]`. A unit is labelled right when its reply text
 * matches every `must` regex of the row and no `must_not`; follow-up rows are left out (they need the earlier turns).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConversationRows } from './conversation-score.js';
import { createEmbedder } from '../knowledge/embedders/index.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import { candidateHits, DEFAULT_RELEVANCE } from '../agents/answerer.js';
import { fitLogistic, fitSoftmaxRanking, foldOf, logit, predict } from '../agents/logistic.js';
import { ANSWER_MODEL, rank, replyText, scoreCandidates, UNIT_FEATURES, type Candidate } from '../agents/select.js';

interface RowData {
  key: string;
  set: string;
  candidates: Candidate[];
  labels: number[];
}

const { values } = parseArgs({
  options: {
    set: { type: 'string', multiple: true },
    folds: { type: 'string', default: '5' },
    out: { type: 'string' },
    version: { type: 'string', default: '1' },
    'no-unit-vectors': { type: 'boolean' },
    candidates: { type: 'string' },
    rows: { type: 'string' },
    steps: { type: 'string', default: '1500' },
    l2: { type: 'string', default: '0.001' },
  },
});
const folds = Number(values.folds);
const depth = Number(values.candidates ?? DEFAULT_RELEVANCE.candidates);
// --rows FILE keeps every row's candidates (features, labels, section), so refitting with other settings embeds nothing.
const rows: RowData[] = values.rows && existsSync(values.rows) ? JSON.parse(readFileSync(values.rows, 'utf8')) : [];
const embedder = rows.length ? undefined : await createEmbedder('use-lite');
for (const spec of embedder ? (values.set ?? []) : []) {
  const [kbDir, dataFile] = spec.split(':');
  const kb = await createKnowledgeBase({ embedder: embedder! });
  await kb.ingestPath(kbDir);
  for (const row of readConversationRows(dataFile)) {
    if (row.expect !== 'answer' || !row.must.length || row.tags.includes('follow-up')) continue;
    const vector = await kb.embedQuery(row.text);
    // Every collection (routing is not what is fitted here) and every top hit, not only those the relevance filter keeps.
    const hits = await candidateHits(kb, row.text, { vector }, { ...DEFAULT_RELEVANCE, candidates: depth }, true);
    if (!hits.length) continue;
    const candidates = await scoreCandidates(kb, row.text, vector, hits, ANSWER_MODEL, {
      unitVectors: !values['no-unit-vectors'],
    });
    const right = (text: string) =>
      row.must.every((re) => new RegExp(re, 'i').test(text)) &&
      !row.must_not.some((re) => new RegExp(re, 'i').test(text));
    rows.push({
      key: `${spec}#${row.id ?? row.text}`,
      set: spec,
      candidates,
      labels: candidates.map((c) => (right(replyText(c)) ? 1 : 0)),
    });
  }
  await kb.close();
}
if (embedder && values.rows)
  writeFileSync(
    values.rows,
    JSON.stringify(
      rows.map((r) => ({
        ...r,
        candidates: r.candidates.map((c) => ({
          features: c.features,
          p: 0,
          hit: { chunk: { docId: c.hit.chunk.docId, heading: c.hit.chunk.heading }, share: c.hit.share },
        })),
      })),
    ),
  );
await embedder?.close();

/** Fit the unit scorer on some rows: a listwise softmax ranking, so each question's candidates compete with each other. */
const fitUnits = (train: RowData[]) =>
  fitSoftmaxRanking(
    train.map((r) => ({ x: r.candidates.map((c) => c.features), y: r.labels })),
    { l2: Number(values.l2), steps: Number(values.steps) },
  );
/** Score a row's candidates with a unit model: the best unit's probability, margin and whether it is right. */
const outcome = (r: RowData, model: ReturnType<typeof fitUnits>) => {
  const scored = r.candidates.map((c, i) => ({ ...c, p: predict(model, c.features), label: r.labels[i] }));
  const { best, margin } = rank(scored)!;
  return { x: [logit(best.p), margin, best.hit.share ?? 0], y: (best as (typeof scored)[number]).label };
};

// Out-of-fold predictions of the unit scorer, then a nested split for an honest calibration error of the confidence.
const oof: Array<{ fold: number; x: number[]; y: number }> = [];
for (let k = 0; k < folds; k++) {
  const model = fitUnits(rows.filter((r) => foldOf(r.key, folds) !== k));
  for (const r of rows.filter((r) => foldOf(r.key, folds) === k)) oof.push({ fold: k, ...outcome(r, model) });
}
// Scores can reach ±14 in log-odds, so a small step keeps plain gradient descent stable.
const plattOf = (data: typeof oof) =>
  fitLogistic(
    data.map((d) => d.x),
    data.map((d) => d.y),
    { l2: 0.0001, steps: 20000, rate: 0.02 },
  );
const heldOut: Array<{ p: number; y: number }> = [];
for (let k = 0; k < folds; k++) {
  const platt = plattOf(oof.filter((d) => d.fold !== k));
  for (const d of oof.filter((d) => d.fold === k)) heldOut.push({ p: predict(platt, d.x), y: d.y });
}
const ece = (data: Array<{ p: number; y: number }>) => {
  let e = 0;
  for (let b = 0; b < 10; b++) {
    const bin = data.filter((d) => Math.min(9, Math.floor(d.p * 10)) === b);
    if (bin.length)
      e +=
        (bin.length / data.length) *
        Math.abs(bin.reduce((s, d) => s + d.y, 0) / bin.length - bin.reduce((s, d) => s + d.p, 0) / bin.length);
  }
  return Math.round(e * 1e4) / 1e4;
};
const unit = fitUnits(rows);
const platt = plattOf(oof);
const reachable = rows.filter((r) => r.labels.some(Boolean)).length;
const fitted = {
  rows: rows.length,
  rows_with_a_right_unit: reachable,
  cv_best_unit_right: Math.round((oof.filter((d) => d.y).length / Math.max(1, oof.length)) * 1e4) / 1e4,
  cv_confidence_ece: ece(heldOut),
  cv_confidently_wrong: heldOut.filter((d) => d.p >= 0.85 && !d.y).length,
  sets: values.set,
  folds,
  unit_vectors: !values['no-unit-vectors'],
  candidates: depth,
  date: new Date().toISOString().slice(0, 10),
};
const model = {
  version: values.version,
  features: [...UNIT_FEATURES],
  unit,
  confidence: { a: platt.weights[0], m: platt.weights[1], r: platt.weights[2], c: platt.bias },
  threshold: ANSWER_MODEL.threshold,
  unitVectors: !values['no-unit-vectors'],
  fitted,
};
process.stdout.write(`${JSON.stringify(fitted)}\n`);
if (values.out) writeFileSync(values.out, `${JSON.stringify(model, null, 2)}\n`);
