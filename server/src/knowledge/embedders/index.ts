import { AppError } from '../../util/errors.js';
import type { Logger } from '../../util/logger.js';
import type { Embedder } from '../types.js';
import { createHashEmbedder } from './hash.js';

export interface EmbedderOptions {
  /** Folder with local Hugging Face models (`<modelDir>/<org>/<name>/…`). */
  modelDir?: string;
  /** Allow a one-time download from the model hub. */
  allowRemote?: boolean;
  /** Where downloaded models are cached. */
  cacheDir?: string;
  logger?: Logger;
}

/** Create an embedder from its spec: `use-lite` (default), `transformers:<model id>` or `hash`. @example await createEmbedder('transformers:Xenova/all-MiniLM-L6-v2', { modelDir: './models' }) */
export async function createEmbedder(spec = 'use-lite', options: EmbedderOptions = {}): Promise<Embedder> {
  if (spec === 'hash' || /^hash-\d+$/.test(spec))
    return createHashEmbedder(spec === 'hash' ? undefined : Number(spec.slice(5)));
  if (spec === 'use-lite') {
    const { createUseLiteEmbedder } = await import('./use-lite.js');
    return createUseLiteEmbedder();
  }
  if (spec.startsWith('transformers:')) {
    const { createTransformersEmbedder } = await import('./transformers.js');
    return createTransformersEmbedder(spec.slice('transformers:'.length), options);
  }
  throw new AppError('invalid_config', `unknown embedder "${spec}" (use-lite | transformers:<model id> | hash)`);
}
