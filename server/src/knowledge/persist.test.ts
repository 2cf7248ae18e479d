import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSnapshot, saveSnapshot, type Snapshot } from './persist.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-persist-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const chunk = (id: string) => ({
  id,
  docId: id,
  title: 'T',
  heading: '',
  text: 'x',
  collection: 'general',
  tags: [],
  hash: id,
});
const snap = (n: number): Snapshot => ({
  embedder: 'hash-4',
  dim: 4,
  chunks: Array.from({ length: n }, (_, i) => chunk(`c${i}`)),
  vectors: Float32Array.from({ length: n * 4 }, (_, i) => i / 7),
  sources: { c0: 'api' },
});

describe('snapshot persistence', () => {
  it('round-trips chunks and float32 vectors exactly, in binary', async () => {
    await saveSnapshot(dir, snap(3));
    const loaded = loadSnapshot(dir)!;
    expect(loaded.chunks.map((c) => c.id)).toEqual(['c0', 'c1', 'c2']);
    expect(Array.from(loaded.vectors)).toEqual(Array.from(snap(3).vectors));
    expect(loaded).toMatchObject({ embedder: 'hash-4', dim: 4, sources: { c0: 'api' } });
    expect(readdirSync(dir).sort()).toEqual(['chunks-1.json', 'manifest.json', 'vectors-1.f32']);
  });

  it('keeps only the newest generation and ignores a half-written next one', async () => {
    await saveSnapshot(dir, snap(1));
    await saveSnapshot(dir, snap(2));
    expect(readdirSync(dir).sort()).toEqual(['chunks-2.json', 'manifest.json', 'vectors-2.f32']);
    // A crash after writing generation 3's vectors but before the manifest switched: generation 2 still loads.
    writeFileSync(join(dir, 'vectors-3.f32'), new Uint8Array(8));
    expect(loadSnapshot(dir)?.chunks).toHaveLength(2);
  });

  it('returns undefined when there is no snapshot or it is inconsistent', async () => {
    expect(loadSnapshot(dir)).toBeUndefined();
    await saveSnapshot(dir, snap(2));
    writeFileSync(join(dir, 'vectors-1.f32'), new Uint8Array(4));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ format: 2, generation: 1, embedder: 'hash-4', dim: 4, count: 2 }),
    );
    expect(loadSnapshot(dir)).toBeUndefined();
  });

  it('leaves the previous snapshot readable when the writing process is killed mid-write', async () => {
    await saveSnapshot(dir, snap(2));
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const writer = new URL('../testing/persist-writer.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', tsx, writer, dir, '20000'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Kill it (SIGKILL: no cleanup runs) while a temporary file of the next generation is being written.
    let midWrite = false;
    for (let i = 0; i < 6000 && !midWrite; i++) {
      await new Promise((r) => setTimeout(r, 5));
      midWrite = readdirSync(dir).some((f) => f.includes('.tmp-'));
    }
    child.kill('SIGKILL');
    await exited;
    expect(midWrite, 'the writer never started a write').toBe(true);
    const loaded = loadSnapshot(dir);
    // Either the previous generation or a completed new one, never a torn or missing snapshot.
    expect(loaded).toBeDefined();
    expect([2, 20000]).toContain(loaded!.chunks.length);
    expect(loaded!.vectors.length).toBe(loaded!.chunks.length * loaded!.dim);
  });
});
