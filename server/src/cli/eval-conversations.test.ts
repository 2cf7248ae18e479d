import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ARGS } from '../testing/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-eval-conv-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURES = new URL('./fixtures/conversations/', import.meta.url).pathname;
const cli = (args: string[]) =>
  spawnSync(process.execPath, [...CLI_ARGS, ...args], { encoding: 'utf8', timeout: 110_000 });

describe('switchboard eval conversations', () => {
  it('replays single and multi-turn rows through a real server and scores them by the shared rule', () => {
    const turns = join(dir, 'turns.jsonl');
    const run = cli([
      'eval',
      'conversations',
      '--kb',
      join(FIXTURES, 'kb'),
      '--data',
      join(FIXTURES, 'rows.jsonl'),
      '--embedder',
      'hash',
      '--json',
      '--turns',
      turns,
    ]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(report.n).toBe(5);
    // t1 answers from the password article; t2 cannot pass (its must asks for €999); hello gets a prompt; "a human" hands over;
    // t5 comes after the handoff, so the AI stays silent and the answer row fails.
    const judged = readFileSync(turns, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(Object.fromEntries(judged.map((t) => [t.id, t.pass]))).toEqual({
      t1: true,
      t2: false,
      t3: true,
      t4: true,
      t5: false,
    });
    expect(judged[4].outcome.handedOff).toBe(true);
    // The turns record what each reply cited and why a failed answer failed; the report counts the classes.
    expect(judged[0].outcome.cited[0].id).toBe('technical/password-reset');
    expect(judged[0].outcome.failure).toBeUndefined();
    // A sourced answer keeps the pipeline's traits (for refitting the answer calibration), with its model confidence.
    expect(judged[0].outcome.traits).toMatchObject({ parts: 1, followUp: false, bridged: false });
    expect(judged[0].outcome.traits.model).toBeGreaterThan(0);
    expect(judged[4].outcome.failure).toBe('not_answered');
    expect(Object.values(report.answer_failures).reduce((a: number, b) => a + (b as number), 0)).toBe(2);
    expect(report).toMatchObject({
      answers_right: { n: 3, right: 1 },
      handoffs_right: { n: 1, right: 1 },
      clarifications_right: { n: 1, right: 1 },
      follow_ups: { n: 1, right: 0 },
    });
    expect(report.per_language.es).toEqual({ n: 1, right: 0, rate: 0 });
    expect(report.handled_right).toBe(0.6);
    expect(report.latency_p95_ms).toBeGreaterThan(0);
    expect(report.calibration.n).toBeGreaterThanOrEqual(1);
    expect(report.calibration.ece_if_calibrated).toBeGreaterThanOrEqual(0);
  });

  it('prints the readable report and rejects a bad data file with a usage error', () => {
    const text = cli([
      'eval',
      'conversations',
      '--kb',
      join(FIXTURES, 'kb'),
      '--labels',
      join(FIXTURES, 'rows.jsonl'),
      '--embedder',
      'hash',
      '--failures',
    ]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/handled right 60\.0%/);
    expect(text.stdout).toMatch(/FAIL t2 \(answer\)/);
    expect(text.stdout).toMatch(/why answers failed \(2\): not answered \d, wrong article \d, wrong unit \d/);
    expect(text.stdout).toMatch(/answer calibration \(\d+ sourced answers\) {2}ECE /);
    const bad = cli([
      'eval',
      'conversations',
      '--kb',
      join(FIXTURES, 'kb'),
      '--data',
      join(FIXTURES, 'kb/billing/late-fees.md'),
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/cannot read --labels/);
  });
});
