import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chunk } from './types.js';

/** What is kept on disk: chunk metadata as JSON, vectors as one binary float32 file in the same order. */
export interface Snapshot {
  embedder: string;
  dim: number;
  chunks: Chunk[];
  /** `chunks.length × dim` floats. */
  vectors: Float32Array;
  /** docId → where it came from (a folder key, or `api`). */
  sources: Record<string, string>;
}

interface Manifest {
  format: number;
  generation: number;
  embedder: string;
  dim: number;
  count: number;
}

const FORMAT = 2;

/** Write to a temporary file, flush it to the disk, then rename it over `path`: readers see the old or the new file. */
async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  // Owner-only: the chunks are the knowledge base's text (docs/security.md, "data folder").
  const file = await open(tmp, 'w', 0o600);
  try {
    await file.writeFile(data);
    // Without fsync a power cut after the rename can leave a renamed but empty file.
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
}

/** Flush a folder's entries (the renames) to the disk; some platforms cannot open a folder, which is fine. */
async function syncFolder(dir: string): Promise<void> {
  const folder = await open(dir, 'r').catch(() => undefined);
  if (!folder) return;
  try {
    await folder.sync();
  } catch {
    // EISDIR/EPERM on platforms without directory fsync: the renames are still atomic.
  } finally {
    await folder.close();
  }
}

function readManifest(dir: string): Manifest | undefined {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return m.format === FORMAT ? m : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Save a snapshot as a new generation of files, then switch the manifest to it atomically: a crash at any point
 * leaves the previous generation complete and readable. Older generations are deleted afterwards. Off the event loop.
 */
export async function saveSnapshot(dir: string, s: Snapshot): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const generation = (readManifest(dir)?.generation ?? 0) + 1;
  await writeAtomic(
    join(dir, `vectors-${generation}.f32`),
    new Uint8Array(s.vectors.buffer, s.vectors.byteOffset, s.vectors.byteLength),
  );
  await writeAtomic(join(dir, `chunks-${generation}.json`), JSON.stringify({ chunks: s.chunks, sources: s.sources }));
  await syncFolder(dir);
  const manifest: Manifest & { savedAt: string } = {
    format: FORMAT,
    generation,
    embedder: s.embedder,
    dim: s.dim,
    count: s.chunks.length,
    savedAt: new Date().toISOString(),
  };
  await writeAtomic(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await syncFolder(dir);
  for (const name of await readdir(dir)) {
    const m = /^(?:vectors|chunks)-(\d+)\.(?:f32|json)$/.exec(name);
    if (m && Number(m[1]) !== generation) await rm(join(dir, name), { force: true });
  }
}

/** Load the current snapshot, or undefined when there is none (or it is unreadable or inconsistent). */
export function loadSnapshot(dir: string): Snapshot | undefined {
  const manifest = readManifest(dir);
  if (!manifest) return undefined;
  try {
    const { chunks, sources } = JSON.parse(readFileSync(join(dir, `chunks-${manifest.generation}.json`), 'utf8')) as {
      chunks: Chunk[];
      sources: Record<string, string>;
    };
    const buf = readFileSync(join(dir, `vectors-${manifest.generation}.f32`));
    const vectors = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    if (chunks.length !== manifest.count || vectors.length !== manifest.count * manifest.dim) return undefined;
    return { embedder: manifest.embedder, dim: manifest.dim, chunks, vectors, sources };
  } catch {
    return undefined;
  }
}
