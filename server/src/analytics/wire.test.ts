import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.js';
import { timedEmbedder } from './wire.js';

describe('timedEmbedder', () => {
  it('times each batch and reads the embedder’s live properties, not a copy taken when wrapping', async () => {
    const metrics = new Metrics();
    const raw = {
      current: 'async' as 'sync' | 'async',
      get executor() {
        return this.current;
      },
      async embed(texts: string[]) {
        return texts.map(() => new Float32Array(2));
      },
    };
    const timed = timedEmbedder(metrics, raw);
    expect(await timed.embed(['a', 'b'])).toHaveLength(2);
    raw.current = 'sync';
    expect(timed.executor).toBe('sync');
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/switchboard_embedding_duration_seconds_count\S* 1$/m);
  });
});
