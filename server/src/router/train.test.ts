import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRouterConfig } from './config.js';
import { trainRouter } from './train.js';

describe('train-router', () => {
  it('adds new examples, skips duplicates and unknown agents, and keeps the file valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-train-'));
    const config = join(dir, 'agents.yaml');
    writeFileSync(config, 'agents:\n  - name: shipping\n    description: Parcels\n    examples: [where is my parcel]\n');
    const rows = [
      { text: 'my parcel is late', agent: 'shipping' },
      { text: 'Where is my parcel', agent: 'shipping' },
      { text: 'this was billing: the charge is wrong', agent: 'billing' },
      { text: 'hello', agent: 'nonexistent' },
    ].map((r) => JSON.stringify(r)).join('\n') + '\nnot json\n';
    const r = trainRouter(rows, { config, out: config });
    expect(r.added).toEqual({ shipping: 1, billing: 1 });
    expect(r.duplicates).toBe(1);
    expect(r.skipped.map((s) => s.line)).toEqual([4, 5]);
    const written = parse(readFileSync(config, 'utf8'));
    expect(written.agents.find((a: { name: string }) => a.name === 'shipping').examples).toEqual(['where is my parcel', 'my parcel is late']);
    const loaded = loadRouterConfig(config);
    expect(loaded.agents.find((a) => a.name === 'billing')!.examples).toContain('this was billing: the charge is wrong');
  });
});
