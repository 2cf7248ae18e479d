import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce.js';

/** A run whose completion the test controls; `reads` records the value each run saw when it started. */
function controlled() {
  let value = 0;
  const reads: number[] = [];
  const finish: Array<() => void> = [];
  const run = (key: string) =>
    new Promise<string>((resolve) => {
      const seen = value;
      reads.push(seen);
      finish.push(() => resolve(`${key}:${seen}`));
    });
  return { run, reads, finish, write: () => value++ };
}

describe('coalesce', () => {
  it('calls in the same turn share one run; other keys run on their own', async () => {
    const c = controlled();
    const once = coalesce(c.run);
    const all = [once('a'), once('a'), once('a'), once('b')];
    await new Promise((r) => setImmediate(r));
    expect(c.reads).toHaveLength(2);
    c.finish.forEach((f) => f());
    expect(await Promise.all(all)).toEqual(['a:0', 'a:0', 'a:0', 'b:0']);
  });

  it('a call during a run gets a later run that starts after its write; later calls join that one', async () => {
    const c = controlled();
    const once = coalesce(c.run);
    const first = once('a');
    await new Promise((r) => setImmediate(r));
    c.write();
    const second = once('a');
    c.write();
    const third = once('a');
    await new Promise((r) => setImmediate(r));
    expect(c.reads).toEqual([0]); // the second run waits for the first
    c.finish[0]();
    expect(await first).toBe('a:0');
    await new Promise((r) => setImmediate(r));
    expect(c.reads).toEqual([0, 2]);
    c.finish[1]();
    expect(await Promise.all([second, third])).toEqual(['a:2', 'a:2']);
    // Idle again: a new call runs at once.
    const fourth = once('a');
    await new Promise((r) => setImmediate(r));
    expect(c.reads).toEqual([0, 2, 2]);
    c.finish[2]();
    expect(await fourth).toBe('a:2');
  });

  it('a failed run rejects its callers and does not stop the next one', async () => {
    let n = 0;
    const once = coalesce(async (k: string) => {
      if (n++ === 0) throw new Error('boom');
      return k;
    });
    await expect(once('a')).rejects.toThrow('boom');
    await expect(once('a')).resolves.toBe('a');
  });
});
