import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from './exit.js';

/** `switchboard eval retrieval`: hit@1, hit@5, MRR@10 and latency of the knowledge base on labelled queries. */
export function registerRetrieval(evalCmd: Command): void {
  evalCmd
    .command('retrieval')
    .description('ingest documents into a temporary knowledge base and score labelled queries (hit@1, hit@5, MRR@10)')
    .requiredOption('--docs <file>', 'documents, JSONL rows { id, title, body, url? } (or a folder)')
    .requiredOption('--queries <file>', 'queries, JSONL rows { query, relevant_ids }')
    .option('--embedder <spec>', 'use-lite | transformers:<model id> | hash', 'use-lite')
    .option('--model-dir <dir>', 'local Hugging Face models for transformers: embedders')
    .option('--mode <mode>', 'hybrid | bm25 | vector', 'hybrid')
    .option(
      '--no-collapse',
      'return every document even when several share a title (field collapsing is on by default)',
    )
    .option(
      '--rerank',
      "reorder the top chunks with the answerer's learned second-stage reranker (agents/rerank-model.json)",
    )
    .option('--cache <dir>', 'keep the index here and reuse its vectors on the next run (default: a temporary folder)')
    .option('--json', 'print one JSON object as the last line')
    .action(async (opts) => {
      if (!['hybrid', 'bm25', 'vector'].includes(opts.mode))
        throw new UsageError(`--mode must be hybrid, bm25 or vector, not "${opts.mode}"`);
      // Loaded when the command runs, so `switchboard --help` does not pay for them.
      const [{ createEmbedder }, { evaluateRetrieval, readQueries }, { createKnowledgeBase }] = await Promise.all([
        import('../knowledge/embedders/index.js'),
        import('../knowledge/evaluate.js'),
        import('../knowledge/index.js'),
      ]);
      const queries = (() => {
        try {
          return readQueries(opts.queries);
        } catch (err) {
          throw new UsageError(`cannot read --queries: ${(err as Error).message}`);
        }
      })();
      const dir = opts.cache ?? mkdtempSync(join(tmpdir(), 'sb-eval-'));
      const embedder = await createEmbedder(opts.embedder, { modelDir: opts.modelDir });
      try {
        const kb = await createKnowledgeBase({ dataDir: dir, embedder, cacheSize: 0 });
        const started = performance.now();
        const ingest = await kb.ingestPath(opts.docs);
        const ingestMs = performance.now() - started;
        if (!opts.json)
          process.stderr.write(
            `ingested ${ingest.documents} documents, ${ingest.chunks} chunks (${ingest.embedded} embedded) in ${Math.round(ingestMs)} ms\n`,
          );
        const { rerank, RERANK_MODEL, withHeadSimilarity } = await import('../agents/rerank.js');
        // The reranker sees the same depth as in the answerer; the rest of the 40 keep their first-stage order after it.
        const reorder = opts.rerank
          ? async (query: string, hits: Parameters<typeof rerank>[1]) => [
              ...rerank(query, await withHeadSimilarity(kb, query, undefined, hits.slice(0, RERANK_MODEL.depth))),
              ...hits.slice(RERANK_MODEL.depth),
            ]
          : undefined;
        const report = await evaluateRetrieval(kb, queries, {
          mode: opts.mode,
          collapse: opts.collapse,
          ingestMs,
          reorder,
        });
        if (opts.json)
          process.stdout.write(
            `${JSON.stringify({ ...report, mode: opts.mode, collapse: opts.collapse, rerank: !!opts.rerank, embedder: embedder.id })}\n`,
          );
        else {
          process.stdout.write(
            `mode ${opts.mode}${opts.collapse ? '' : ' (no title collapsing)'}${opts.rerank ? ', reranked' : ''}, embedder ${embedder.id}, n ${report.n}\n`,
          );
          process.stdout.write(`hit@1 ${report.hit_at_1}  hit@5 ${report.hit_at_5}  MRR@10 ${report.mrr_at_10}\n`);
          process.stdout.write(
            `ingest ${report.ingest_ms} ms  query p50 ${report.query_p50_ms} ms  p95 ${report.query_p95_ms} ms\n`,
          );
        }
      } finally {
        await embedder.close();
        if (!opts.cache) rmSync(dir, { recursive: true, force: true });
      }
    });
}
