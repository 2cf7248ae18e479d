import { join } from 'node:path';
import type { Command } from 'commander';
import type { IngestProgress } from '../knowledge/index.js';
import { UsageError } from './exit.js';

/** A progress bar on stderr for the embedding phase (documents and chunks are known once files are read). */
async function progressBar(enabled: boolean): Promise<{ onProgress: (p: IngestProgress) => void; stop: () => void }> {
  if (!enabled) return { onProgress: () => {}, stop: () => {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      format: 'embedding |{bar}| {value}/{total} chunks | {rate} chunks/s | ETA {eta_formatted}',
      hideCursor: true,
      stream: process.stderr,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let running = false;
  return {
    onProgress(p) {
      if (p.phase === 'read') process.stderr.write(`read ${p.total} documents\n`);
      if (p.phase !== 'embed') return;
      const rate = (p.done / Math.max(0.001, (performance.now() - started) / 1000)).toFixed(1);
      if (!running) {
        bar.start(p.total, 0, { rate });
        running = true;
      }
      bar.update(p.done, { rate });
    },
    stop() {
      if (running) bar.stop();
    },
  };
}

/** `switchboard ingest <dir|file.jsonl>`: add a folder of help content to the knowledge base, embedding only what changed. */
export function register(program: Command): void {
  program
    .command('ingest')
    .description('ingest Markdown, HTML, text and JSONL help content into the knowledge base (incremental)')
    .argument('<path>', 'a folder (md, html, txt, jsonl) or a .jsonl file of { id, title, body, url? }')
    .option('-d, --data <dir>', 'data folder, as for serve (env SWITCHBOARD_DATA; default ./.switchboard)')
    .option('--collection <name>', 'collection for documents that do not name one', 'general')
    .option(
      '--embedder <spec>',
      'use-lite | transformers:<model id> | hash (env SWITCHBOARD_EMBEDDER); must match serve',
    )
    .option('--model-dir <dir>', 'folder with local Hugging Face models (env SWITCHBOARD_MODEL_DIR)')
    .option('--allow-remote-models', 'let transformers: embedders download a model once into the cache')
    .option('--max-file-mb <n>', 'skip files larger than this', '5')
    .option('--json', 'print the result as one JSON line (no progress bar)')
    .action(async (path: string, opts) => {
      const maxMb = Number(opts.maxFileMb);
      if (!(maxMb > 0)) throw new UsageError(`--max-file-mb must be a positive number, not "${opts.maxFileMb}"`);
      const dataDir = opts.data ?? process.env.SWITCHBOARD_DATA ?? './.switchboard';
      // Loaded when the command runs, so `switchboard --help` does not pay for them.
      const [{ createEmbedder }, { createKnowledgeBase }, { AppError }] = await Promise.all([
        import('../knowledge/embedders/index.js'),
        import('../knowledge/index.js'),
        import('../util/errors.js'),
      ]);
      const embedder = await createEmbedder(opts.embedder ?? process.env.SWITCHBOARD_EMBEDDER ?? 'use-lite', {
        modelDir: opts.modelDir ?? process.env.SWITCHBOARD_MODEL_DIR,
        allowRemote: !!opts.allowRemoteModels,
        cacheDir: join(dataDir, 'models'),
      });
      const progress = await progressBar(!opts.json && !!process.stderr.isTTY);
      try {
        const kb = await createKnowledgeBase({
          dataDir: join(dataDir, 'kb'),
          embedder,
          maxFileBytes: maxMb * 1024 * 1024,
        });
        const r = await kb
          .ingestPath(path, { collection: opts.collection, onProgress: progress.onProgress })
          .catch((err) => {
            if (err instanceof AppError && err.code === 'not_found') throw new UsageError(err.message);
            throw err;
          });
        progress.stop();
        const stats = kb.stats();
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({ ...r, total_documents: stats.documents, total_chunks: stats.chunks, embedder: embedder.id })}\n`,
          );
          return;
        }
        for (const issue of r.issues) process.stderr.write(`skipped: ${issue.message}\n`);
        const rate = r.embedded ? ` (${(r.embedded / (r.ms / 1000)).toFixed(1)} chunks/s)` : '';
        process.stdout.write(
          `${r.documents} documents, ${r.chunks} chunks: ${r.embedded} embedded${rate}, ${r.removedDocuments} removed, ${r.issues.length} skipped, ${r.ms} ms\n`,
        );
        process.stdout.write(
          `knowledge base: ${stats.documents} documents, ${stats.chunks} chunks, embedder ${stats.embedder}, in ${join(dataDir, 'kb')}\n`,
        );
      } finally {
        progress.stop();
        await embedder.close();
      }
    });
}
