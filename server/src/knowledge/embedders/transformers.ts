import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../util/errors.js';
import { loadOptional } from '../../util/optional.js';
import type { Embedder } from '../types.js';
import type { EmbedderOptions } from './index.js';

type TransformersModule = typeof import('@huggingface/transformers');

/** The package the `transformers:` embedder needs; an optional peer dependency, so default installs stay small. */
export const TRANSFORMERS_PACKAGE = '@huggingface/transformers';

/** Load transformers.js on first use; a missing install becomes a clear `invalid_config` naming the package. */
export function loadTransformers(
  importer: () => Promise<TransformersModule> = () => import('@huggingface/transformers'),
): Promise<TransformersModule> {
  return loadOptional(TRANSFORMERS_PACKAGE, importer, 'the transformers: embedder', 'use --embedder use-lite');
}

/**
 * Any Hugging Face feature-extraction ONNX model through transformers.js (e.g. `Xenova/all-MiniLM-L6-v2`), loaded
 * from `modelDir` with remote loading off unless allowed. Inference runs in onnxruntime's native thread pool, so the
 * event loop only tokenises.
 */
export async function createTransformersEmbedder(modelId: string, options: EmbedderOptions = {}): Promise<Embedder> {
  const { env, pipeline } = await loadTransformers();
  env.allowRemoteModels = options.allowRemote ?? false;
  env.allowLocalModels = true;
  if (options.modelDir) env.localModelPath = options.modelDir.endsWith('/') ? options.modelDir : `${options.modelDir}/`;
  if (options.cacheDir) env.cacheDir = options.cacheDir;
  const local = options.modelDir ? join(options.modelDir, modelId, 'onnx') : undefined;
  // Prefer the full-precision file when present locally, else the 8-bit quantised one (the hub default for Xenova models).
  const dtype = local && existsSync(join(local, 'model.onnx')) ? 'fp32' : 'q8';
  let extractor: Awaited<ReturnType<typeof pipeline>>;
  try {
    extractor = await pipeline('feature-extraction', modelId, {
      dtype,
      local_files_only: !options.allowRemote,
    } as never);
  } catch (err) {
    throw new AppError(
      'invalid_config',
      `cannot load embedding model "${modelId}" from ${options.modelDir ?? 'the cache'}${options.allowRemote ? '' : ' (remote loading is off: use --model-dir or --allow-remote-models)'}: ${(err as Error).message}`,
    );
  }
  const run = async (texts: string[]): Promise<Float32Array[]> => {
    const out = await (
      extractor as unknown as (t: string[], o: object) => Promise<{ data: Float32Array; dims: number[] }>
    )(texts, { pooling: 'mean', normalize: true });
    const dim = out.dims[out.dims.length - 1];
    return texts.map((_, i) => out.data.slice(i * dim, (i + 1) * dim));
  };
  const [probe] = await run(['dimension probe']);
  return {
    id: `transformers:${modelId}`,
    dim: probe.length,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += 32) out.push(...(await run(texts.slice(i, i + 32))));
      return out;
    },
    async close() {
      await (extractor as unknown as { dispose?: () => Promise<void> }).dispose?.();
    },
  };
}
