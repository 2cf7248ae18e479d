import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRouterConfig } from './config.js';
import { parseCsvRows, trainRouter } from './train.js';

describe('train-router', () => {
  it('adds new examples, skips duplicates and unknown agents, and keeps the file valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-train-'));
    const config = join(dir, 'agents.yaml');
    writeFileSync(
      config,
      'agents:\n  - name: shipping\n    description: Parcels\n    examples: [where is my parcel]\n',
    );
    const rows =
      [
        { text: 'my parcel is late', agent: 'shipping' },
        { text: 'Where is my parcel', agent: 'shipping' },
        { text: 'this was billing: the charge is wrong', agent: 'billing' },
        { text: 'hello', agent: 'nonexistent' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\nnot json\n';
    const r = trainRouter(rows, { config, out: config });
    expect(r.added).toEqual({ shipping: 1, billing: 1 });
    expect(r.duplicates).toBe(1);
    expect(r.skipped.map((s) => s.line)).toEqual([4, 5]);
    const written = parse(readFileSync(config, 'utf8'));
    expect(written.agents.find((a: { name: string }) => a.name === 'shipping').examples).toEqual([
      'where is my parcel',
      'my parcel is late',
    ]);
    const loaded = loadRouterConfig(config);
    expect(loaded.agents.find((a) => a.name === 'billing')!.examples).toContain(
      'this was billing: the charge is wrong',
    );
  });
});

describe('train-router with topics, off-topic rows and CSV exports', () => {
  it('files rows under topics, keeps shipped examples out of the owner file and switches to the auto method', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-train-'));
    const out = join(dir, 'agents.yaml');
    const rows = [
      { text: 'my card got swallowed by the atm', agent: 'technical', topic: 'card-stuck' },
      { text: 'the cash machine kept my card', topic: 'card-stuck' },
      { text: 'which planet has the most moons these days', agent: 'human' },
      { text: 'the atm ate my card again', topic: 'no-such-topic' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    // The second row names only a topic: it is known once the first row created it in the file.
    const first = trainRouter(rows.split('\n').slice(0, 1).join('\n'), { out });
    expect(first.added).toEqual({ 'technical/card-stuck': 1 });
    const r = trainRouter(rows, { config: out, out });
    expect(r.added).toEqual({ 'technical/card-stuck': 1, human: 1 });
    expect(r.duplicates).toBe(1);
    expect(r.skipped).toEqual([{ line: 4, reason: 'unknown topic "no-such-topic" (map it to an agent)' }]);
    const written = parse(readFileSync(out, 'utf8'));
    expect(written.routing.method).toBe('auto');
    const technical = written.agents.find((a: { name: string }) => a.name === 'technical');
    expect(technical.examples).toEqual([]);
    expect(technical.topics).toEqual([
      { name: 'card-stuck', examples: ['my card got swallowed by the atm', 'the cash machine kept my card'] },
    ]);
    const loaded = loadRouterConfig(out);
    const topics = loaded.agents.find((a) => a.name === 'technical')!.topics;
    // The owner's topic first, the shipped generic topic kept after it.
    expect(topics.map((t) => [t.name, t.source])).toEqual([
      ['card-stuck', 'site'],
      ['shipped', 'generic'],
    ]);
    expect(loaded.human.outOfScope).toContain('which planet has the most moons these days');
  });

  it('reads a help desk CSV export with --map category=agent', () => {
    const csv =
      'Subject,Description,Category\n"Refund","I want my money back, please",Billing\nLogin,"cannot sign in",Tech Support\n"",,Billing\n';
    const rows = parseCsvRows(csv, { Billing: 'billing', 'Tech Support': 'technical' });
    expect(rows[0]).toMatchObject({
      text: 'Refund — I want my money back, please',
      agent: 'billing',
      topic: 'billing',
      line: 2,
    });
    expect(rows[1]).toMatchObject({ agent: 'technical', topic: 'tech-support' });
    const dir = mkdtempSync(join(tmpdir(), 'sb-train-'));
    const r = trainRouter(rows, { out: join(dir, 'agents.json') });
    expect(r.added).toEqual({ 'billing/billing': 1, 'technical/tech-support': 1 });
    expect(r.skipped.map((s) => s.line)).toEqual([4]);
  });
});
