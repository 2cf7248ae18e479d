import { describe, expect, it } from 'vitest';
import { runLoad } from './load/run.js';

// A short version of `npm run bench:load -- --chaos`: asserts correctness (nothing lost or duplicated), never timing.
describe('load smoke test', () => {
  it('50 customers with random reconnects, a reconnect burst and a server kill -9 lose and duplicate nothing', async () => {
    // 12.5 messages/s: well under the knee even when the rest of the suite shares the machine (at 25/s, a loaded CI
    // machine queued replies for minutes and the test ran out of time); correctness, not throughput, is under test.
    const report = await runLoad({ clients: 50, duration: 8, rate: 0.25, chaos: true, embedder: 'hash' });
    expect(report.connected).toBe(50);
    expect(report.chaos?.restarts).toBe(1);
    expect(report.chaos!.burst + report.chaos!.blips).toBeGreaterThan(0);
    expect(report.acked).toBeGreaterThan(50);
    expect(report.unverified, JSON.stringify(report)).toBe(0);
    expect(report.lost, JSON.stringify(report)).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.phantom).toBe(0);
    expect(report.pending).toBe(0);
    // Every customer recovered: its final history was read over a live connection after the restart (unverified = 0).
    expect(report.latency_ms.n, JSON.stringify(report)).toBeGreaterThan(0);
  }, 300_000);
});
