/**
 * Fit the second-stage reranker (`rerank-model.json`): a listwise softmax ranking over the top `--depth` chunks of
 * first-stage retrieval. Run: `npx tsx server/src/cli/fit-rerank.ts --set KB_DIR:DATA.jsonl [--set …]
 * [--faq DOCS.jsonl:QUERIES.jsonl] [--folds 5] [--l2 0.001] [--steps 1500] [--out server/src/agents/rerank-model.json]`. Conversation sets give the
 * English `answer` rows (no follow-ups) with their labelled `articles`; a FAQ set (StackFAQ) is split by thread into a
 * fit half and a report half, and only the fit half is ever fitted on. Prints hit@1 and MRR@10 per set, before and
 * after reranking, out of fold for the fitted data and on the report half.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConversationRows } from './conversation-score.js';
import { createEmbedder } from '../knowledge/embedders/index.js';
import { readQueries } from '../knowledge/evaluate.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import { fitSoftmaxRanking, foldOf } from '../agents/logistic.js';
import {
  rerank,
  RERANK_FEATURES,
  rerankFeatures,
  withHeadSimilarity,
  type RerankInput,
  type RerankModel,
} from '../agents/rerank.js';
import type { SearchHit } from '../knowledge/types.js';

interface Group {
  set: string;
  key: string;
  query: string;
  hits: RerankInput[];
  x: number[][];
  y: number[];
  /** Fitted on (true) or only reported on (the FAQ's report half). */
  fit: boolean;
}

const { values } = parseArgs({
  options: {
    set: { type: 'string', multiple: true },
    faq: { type: 'string' },
    folds: { type: 'string', default: '5' },
    depth: { type: 'string', default: '20' },
    out: { type: 'string' },
    cache: { type: 'string' },
    version: { type: 'string', default: '1' },
    l2: { type: 'string', default: '0.001' },
    steps: { type: 'string', default: '1500' },
  },
});
const folds = Number(values.folds);
const depth = Number(values.depth);
const groups: Group[] = [];
const add = (
  set: string,
  key: string,
  query: string,
  hits: RerankInput[],
  right: (docId: string) => boolean,
  fit: boolean,
) =>
  groups.push({
    set,
    key,
    query,
    hits,
    x: rerankFeatures(query, hits),
    y: hits.map((h) => (right(h.chunk.docId) ? 1 : 0)),
    fit,
  });

// --cache FILE keeps the retrieved hits, so refitting after a feature change does not embed everything again.
const cached =
  values.cache && existsSync(values.cache)
    ? (JSON.parse(readFileSync(values.cache, 'utf8')) as Array<Omit<Group, 'x' | 'y'> & { right: string[] }>)
    : undefined;
for (const g of cached ?? []) add(g.set, g.key, g.query, g.hits, (d) => g.right.includes(d), g.fit);
const embedder = cached ? undefined : await createEmbedder('use-lite');
for (const spec of embedder ? (values.set ?? []) : []) {
  const [kbDir, dataFile] = spec.split(':');
  const kb = await createKnowledgeBase({ embedder: embedder! });
  await kb.ingestPath(kbDir);
  for (const row of readConversationRows(dataFile)) {
    if (
      row.expect !== 'answer' ||
      !row.articles.length ||
      row.tags.some((t) => t === 'follow-up' || t.startsWith('lang-'))
    )
      continue;
    const vector = await kb.embedQuery(row.text);
    const hits = await withHeadSimilarity(kb, row.text, vector, await kb.search(row.text, { limit: depth, vector }));
    add(kbDir, `${row.conversation ?? row.id ?? row.text}`, row.text, hits, (d) => row.articles.includes(d), true);
  }
  await kb.close();
}
if (embedder && values.faq) {
  const [docs, queries] = values.faq.split(':');
  const kb = await createKnowledgeBase({ embedder: embedder!, cacheSize: 0 });
  await kb.ingestPath(docs);
  for (const q of readQueries(queries)) {
    const thread = String((q as { relevant_thread_ids?: string[] }).relevant_thread_ids?.[0] ?? q.relevant_ids[0]);
    const vector = await kb.embedQuery(q.query);
    const hits = await withHeadSimilarity(kb, q.query, vector, await kb.search(q.query, { limit: depth, vector }));
    const relevant = new Set(q.relevant_ids.map(String));
    // Half of the threads are never fitted on: their queries report how the reranker does on unseen questions.
    add(
      foldOf(thread, 2) === 0 ? 'faq-fit' : 'faq-report',
      thread,
      q.query,
      hits,
      (d) => relevant.has(d),
      foldOf(thread, 2) === 0,
    );
  }
  await kb.close();
}
await embedder?.close();
if (values.cache && !cached)
  writeFileSync(
    values.cache,
    JSON.stringify(
      groups.map(({ x: _x, y, ...g }) => ({ ...g, right: g.hits.filter((_, i) => y[i]).map((h) => h.chunk.docId) })),
    ),
  );

const fit = (train: Group[]): RerankModel => ({
  version: values.version!,
  features: [...RERANK_FEATURES],
  depth,
  weights: fitSoftmaxRanking(
    train.map((g) => ({ x: g.x, y: g.y })),
    { l2: Number(values.l2), steps: Number(values.steps) },
  ).weights,
});

/** hit@1 and MRR@10 over documents (a document's best chunk counts), for the order given. */
function score(ordered: Array<{ group: Group; order: SearchHit[] }>) {
  let h1 = 0;
  let mrr = 0;
  for (const { group, order } of ordered) {
    const docs = [...new Set(order.map((h) => h.chunk.docId))].slice(0, 10);
    const r = docs.findIndex((d) => group.y[group.hits.findIndex((h) => h.chunk.docId === d)] === 1);
    if (r === 0) h1++;
    if (r >= 0) mrr += 1 / (r + 1);
  }
  const n = ordered.length || 1;
  return {
    n: ordered.length,
    hit_at_1: Math.round((h1 / n) * 1e4) / 1e4,
    mrr_at_10: Math.round((mrr / n) * 1e4) / 1e4,
  };
}

// Out-of-fold orders for the fitted groups; the report half is scored with the model fitted on every fitted group.
const fitted = groups.filter((g) => g.fit);
const after: Array<{ group: Group; order: SearchHit[] }> = [];
for (let k = 0; k < folds; k++) {
  const model = fit(fitted.filter((g) => foldOf(`${g.set}#${g.key}`, folds) !== k));
  for (const g of fitted.filter((g) => foldOf(`${g.set}#${g.key}`, folds) === k))
    after.push({ group: g, order: rerank(g.query, g.hits, model) });
}
const model = fit(fitted);
for (const g of groups.filter((g) => !g.fit)) after.push({ group: g, order: rerank(g.query, g.hits, model) });
const report: Record<string, unknown> = {};
for (const set of [...new Set(groups.map((g) => g.set))]) {
  const mine = groups.filter((g) => g.set === set);
  report[set] = {
    before: score(mine.map((g) => ({ group: g, order: g.hits }))),
    after: score(after.filter((a) => a.group.set === set)),
    cross_validated: mine[0].fit,
  };
}
process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
const out = {
  ...model,
  fitted: {
    groups: fitted.length,
    sets: [...(values.set ?? []), ...(values.faq ? [`${values.faq} (fit half of the threads)`] : [])],
    folds,
    report,
    date: new Date().toISOString().slice(0, 10),
  },
};
if (values.out) writeFileSync(values.out, `${JSON.stringify(out, null, 2)}\n`);
