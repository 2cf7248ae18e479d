import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../util/logger.js';
import { createHashEmbedder } from './embedders/hash.js';
import { syncFolders } from './folders.js';
import { createKnowledgeBase, folderSource } from './index.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sb-folders-'));
  mkdirSync(join(root, 'demo'));
  mkdirSync(join(root, 'shop'));
  writeFileSync(join(root, 'demo', 'plans.md'), '# Plans\n\nAcme Cloud Basic costs 4 dollars a month.');
  writeFileSync(join(root, 'shop', 'delivery.md'), '# Delivery to the UK\n\nUK delivery costs 7 pounds.');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('serve --kb: the folders given are what the server answers from', () => {
  it('drops documents of a folder that is no longer given, keeps API documents, and survives a restart', async () => {
    const dataDir = join(root, 'data');
    const logger = createLogger({ level: 'silent' });
    // First the demo, as `npm start` used to do in a shared data folder.
    const first = await createKnowledgeBase({ dataDir, embedder: createHashEmbedder() });
    await syncFolders(first, [join(root, 'demo')], logger);
    await first.upsertDocuments([{ id: 'faq-1', title: 'Opening hours', body: 'We answer 9 to 5.' }]);
    await first.close();

    const kb = await createKnowledgeBase({ dataDir, embedder: createHashEmbedder() });
    const removed = await syncFolders(kb, [join(root, 'shop')], logger);
    expect(removed).toEqual([folderSource(join(root, 'demo'))]);
    expect(kb.sources()).toEqual([
      { source: 'api', documents: 1, chunks: 1 },
      { source: folderSource(join(root, 'shop')), documents: 1, chunks: 1 },
    ]);
    const hits = await kb.search('how much does UK delivery cost', { limit: 5 });
    expect(hits.map((h) => h.chunk.text).join(' ')).not.toMatch(/Acme/);
    await kb.close();

    const reopened = await createKnowledgeBase({ dataDir, embedder: createHashEmbedder() });
    expect(reopened.sources().map((s) => s.source)).not.toContain(folderSource(join(root, 'demo')));
    await reopened.close();
  });

  it('with no --kb keeps every folder (documents ingested with `switchboard ingest` are served)', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await kb.ingestPath(join(root, 'demo'));
    expect(await syncFolders(kb, [], createLogger({ level: 'silent' }))).toEqual([]);
    expect(kb.sources()).toHaveLength(1);
    expect(await kb.removeSource(folderSource(join(root, 'demo')))).toBe(1);
    expect(kb.sources()).toEqual([]);
    await kb.close();
  });
});
