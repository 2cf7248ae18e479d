import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI_ARGS } from '../testing/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-eval-routing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (args: string[]) =>
  spawnSync(process.execPath, [...CLI_ARGS, ...args], { encoding: 'utf8', timeout: 110_000 });

// Clear keyword cases, so the `hash` test embedder routes them; one wrong on purpose (a billing row labelled general).
const FIXTURE = [
  { text: 'I want a refund, the invoice is wrong', agent: 'billing' },
  { text: 'which payment methods can I use to pay an invoice', agent: 'billing' },
  { text: 'I forgot my password and cannot log in', agent: 'technical' },
  { text: 'where is my order, the tracking has not moved', agent: 'general' },
  { text: 'please let me talk to a human', agent: 'human' },
  { text: 'what is the fee for this', agent: 'general', ambiguous: true },
];

describe('switchboard eval routing', () => {
  const data = join(dir, 'rows.jsonl');
  writeFileSync(data, FIXTURE.map((r) => JSON.stringify(r)).join('\n'));

  it('prints the metrics, per-agent table and confusion matrix, and the JSON object as the last line with --json', () => {
    const text = cli(['eval', 'routing', '--labels', data, '--embedder', 'hash']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/n 6 {2}accuracy 0\.8333 {2}non-ambiguous 1 {2}macro-F1 /);
    expect(text.stdout).toMatch(/human precision 1 {2}recall 1 {2}calibration error [\d.]+ {2}\d+ classifications\/s/);
    expect(text.stdout).toMatch(/confusion \(rows = label, columns = predicted\)/);
    expect(text.stdout).toMatch(/^general +0 +1 +1 +0 *$/m);

    const json = cli(['eval', 'routing', '--labels', data, '--embedder', 'hash', '--json']);
    expect(json.status, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
    expect(report).toMatchObject({
      n: 6,
      accuracy: 0.8333,
      non_ambiguous_accuracy: 1,
      human_precision: 1,
      human_recall: 1,
    });
    expect(report.per_agent.billing).toMatchObject({ precision: 0.6667, recall: 1, support: 2 });
    expect(report.per_agent.general).toMatchObject({ recall: 0.5, support: 2 });
    expect(report.confusion.general.billing).toBe(1);
    expect(typeof report.macro_f1).toBe('number');
    expect(report.classifications_per_second).toBeGreaterThan(0);
  }, 240_000);

  it('train-router adds labelled examples to the owner config and skips unknown agents', () => {
    const labelled = join(dir, 'labelled.jsonl');
    const config = join(dir, 'agents.yaml');
    writeFileSync(
      labelled,
      ['{"text":"my parcel is stuck at customs","agent":"general"}', '{"text":"x","agent":"nobody"}'].join('\n'),
    );
    const r = cli(['train-router', '--labels', labelled, '--config', config, '--embedder', 'hash']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/general \+1; 0 duplicates/);
    expect(r.stdout).toMatch(/cross-validated agent accuracy: before 0?\.?\d+.* after 0?\.?\d+/);
    expect(r.stderr).toMatch(/line 2: unknown agent "nobody"/);
    const written = parse(readFileSync(config, 'utf8'));
    expect(written.agents[0].examples).toContain('my parcel is stuck at customs');
  }, 240_000);

  it("eval routing --cv cross-validates the owner's own examples", () => {
    const config = join(dir, 'cv.yaml');
    const topic = (name: string, examples: string[]) => ({ name, examples });
    writeFileSync(
      config,
      JSON.stringify({
        agents: [
          {
            name: 'billing',
            description: 'Money',
            topics: [
              topic('invoices', [
                'send me my invoice',
                'where do I find my invoice',
                'an invoice copy please',
                'download the invoice pdf',
              ]),
            ],
          },
          {
            name: 'technical',
            description: 'Broken things',
            topics: [
              topic('password', [
                'reset my password',
                'password reset link broken',
                'forgot my password',
                'the password is not accepted',
              ]),
            ],
          },
        ],
      }),
    );
    const r = cli(['eval', 'routing', '--cv', '4', '--config', config, '--embedder', 'hash', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/fold 4\/4 trained/);
    const report = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(report).toMatchObject({ n: 8, own_examples: true });
    expect(report.per_agent.billing.support).toBe(4);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.5); // the hash test embedder is weak; the point is the mechanism
    expect(typeof report.calibration_error).toBe('number');
    expect(cli(['eval', 'routing', '--cv', '1', '--embedder', 'hash']).stderr).toMatch(
      /--cv: a number of folds from 2 to 20/,
    );
  }, 240_000);
});
