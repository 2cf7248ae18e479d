import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ARGS } from '../testing/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-ingest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (args: string[]) =>
  spawnSync(process.execPath, [...CLI_ARGS, ...args], { encoding: 'utf8', timeout: 110_000 });

describe('switchboard ingest and eval retrieval', () => {
  it('ingests a folder incrementally, reports skipped files, and exits 2 for a missing path', () => {
    const kb = join(dir, 'kb');
    mkdirSync(kb);
    writeFileSync(
      join(kb, 'a.md'),
      '---\ntitle: Reset your password\ncollection: technical\n---\nUse the Forgot password link.',
    );
    writeFileSync(join(kb, 'b.txt'), 'Support hours\nMonday to Friday.');
    writeFileSync(join(kb, 'bad.txt'), Buffer.from([0xff, 0xfe, 0x00]));
    const data = join(dir, 'data');
    const first = cli(['ingest', kb, '--data', data, '--embedder', 'hash']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/2 documents, 2 chunks: 2 embedded/);
    expect(first.stderr).toMatch(/skipped: bad.txt: not valid UTF-8/);
    const again = cli(['ingest', kb, '--data', data, '--embedder', 'hash', '--json']);
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      documents: 2,
      embedded: 0,
      total_documents: 2,
    });
    const missing = cli(['ingest', join(dir, 'nope'), '--data', data, '--embedder', 'hash']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/not found/);
  }, 240_000); // three CLI start-ups; slow on a busy 2-core machine

  it('eval retrieval prints the metrics JSON as the last line', () => {
    const docs = join(dir, 'docs.jsonl');
    const queries = join(dir, 'queries.jsonl');
    writeFileSync(
      docs,
      [
        '{"id":"1","title":"Reset password","body":"Click forgot password."}',
        '{"id":"2","title":"Refund policy","body":"Refunds within 30 days."}',
      ].join('\n'),
    );
    writeFileSync(
      queries,
      [
        '{"query":"I forgot my password","relevant_ids":["1"]}',
        '{"query":"can I get a refund","relevant_ids":["2"]}',
      ].join('\n'),
    );
    const r = cli(['eval', 'retrieval', '--docs', docs, '--queries', queries, '--embedder', 'hash', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(report).toMatchObject({ hit_at_1: 1, hit_at_5: 1, mrr_at_10: 1, n: 2 });
    for (const key of ['ingest_ms', 'query_p50_ms', 'query_p95_ms']) expect(typeof report[key]).toBe('number');
    const bad = cli(['eval', 'retrieval', '--docs', docs, '--queries', queries, '--mode', 'fuzzy']);
    expect(bad.status).toBe(2);
  }, 160_000);
});
