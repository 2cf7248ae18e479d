import { describe, expect, it } from 'vitest';
import { createMicroBatcher } from './micro-batch.js';

/** A runner that records its batches and finishes only when told to. */
function gatedRunner() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const run = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    return items.map((n) => n * 10);
  };
  const release = async () => {
    gates.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { batches, run, release };
}

describe('createMicroBatcher', () => {
  it('sends a lone call at once, and the calls made while busy as one batch, each caller getting its own results', async () => {
    const r = gatedRunner();
    const b = createMicroBatcher(r.run, 8);
    const first = b.submit([1]);
    expect(r.batches).toEqual([[1]]);
    const waiting = [b.submit([2]), b.submit([3, 4]), b.submit([5])];
    expect(b.queued).toBe(4);
    await r.release();
    expect(r.batches).toEqual([[1], [2, 3, 4, 5]]);
    await r.release();
    expect(await first).toEqual([10]);
    expect(await Promise.all(waiting)).toEqual([[20], [30, 40], [50]]);
    expect(b.queued).toBe(0);
  });

  it('never sends more than maxBatch at once, first come first served', async () => {
    const r = gatedRunner();
    const b = createMicroBatcher(r.run, 3);
    const all = [b.submit([0]), ...Array.from({ length: 7 }, (_, i) => b.submit([i + 1]))];
    for (let i = 0; i < 4; i++) await r.release();
    expect(r.batches).toEqual([[0], [1, 2, 3], [4, 5, 6], [7]]);
    expect((await Promise.all(all)).flat()).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
  });

  it('rejects every caller of a failed batch and goes on with the next', async () => {
    let calls = 0;
    const b = createMicroBatcher(async (items: number[]) => {
      if (calls++ === 1) throw new Error('worker died');
      return items;
    }, 8);
    const first = b.submit([1]);
    const failed = [b.submit([2]), b.submit([3])];
    expect(await first).toEqual([1]);
    for (const f of failed) await expect(f).rejects.toThrow('worker died');
    expect(await b.submit([4])).toEqual([4]);
  });

  it('rejects a batch whose runner answers with the wrong number of results', async () => {
    const b = createMicroBatcher(async (items: number[]) => items.slice(1), 8);
    await expect(b.submit([1, 2])).rejects.toMatchObject({ code: 'internal' });
    expect(await createMicroBatcher(async (items: number[]) => items, 8).submit([])).toEqual([]);
  });
});
