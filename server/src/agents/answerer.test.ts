import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import { loadRouterConfig } from '../router/config.js';
import type { SearchHit } from '../knowledge/types.js';
import { coverage, DEFAULT_RELEVANCE, extractiveAnswer, relevantHits, trimPassage } from './answerer.js';

describe('extractive answers', () => {
  it('trims passages to a few sentences', () => {
    expect(trimPassage('One. Two! Three? Four. Five.', 2)).toBe('One. Two!');
    expect(trimPassage('Short answer.', 3)).toBe('Short answer.');
  });

  it('measures how much of the question a passage covers', () => {
    expect(coverage('how do I get a refund', 'Refunds take 5 days')).toBe(1);
    expect(coverage('android app for smart watches', 'Install the desktop app')).toBeCloseTo(0.25);
    expect(coverage('how do I', 'anything')).toBe(0);
  });

  it('needs a shared word before a moderate similarity counts, but not a strong one', () => {
    const hit = (title: string, text: string, similarity: number): SearchHit => ({
      chunk: { id: title, docId: title, title, heading: '', text, collection: 'technical', tags: [], hash: title },
      score: 1,
      similarity,
    });
    const q = 'how do I export my data';
    const storageFull = hit('Error 507: storage full', 'Delete files you no longer need or upgrade your plan.', 0.53);
    const exportDocs = hit('Export your data', 'Open Settings › Privacy › Export.', 0.49);
    expect(relevantHits(q, [storageFull], DEFAULT_RELEVANCE)).toEqual([]);
    expect(relevantHits(q, [exportDocs], DEFAULT_RELEVANCE)).toEqual([exportDocs]);
    expect(relevantHits(q, [hit('Archive', 'Zip download of everything.', 0.71)], DEFAULT_RELEVANCE)).toHaveLength(1);
    expect(relevantHits(q, [hit('Backups', 'We keep data for 30 days.', 0.3)], DEFAULT_RELEVANCE)).toEqual([]);
  });

  it('answers from the agent’s own collection with citations, and admits when nothing is relevant', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await kb.upsertDocuments([
      {
        id: 'refunds',
        title: 'Refunds',
        body: 'You can get a full refund within 14 days.',
        url: 'https://help.example/refunds',
        collection: 'billing',
      },
      {
        id: 'reset',
        title: 'Reset password',
        body: 'A refund is not a password. Use the reset link.',
        collection: 'technical',
      },
    ]);
    const billing = loadRouterConfig().agents.find((a) => a.name === 'billing')!;
    const a = await extractiveAnswer(kb, billing, 'can I get a refund', undefined);
    expect(a).toMatchObject({
      gap: false,
      sources: [{ id: 'refunds', title: 'Refunds', url: 'https://help.example/refunds' }],
    });
    expect(a.text).toContain('full refund');
    const none = await extractiveAnswer(kb, billing, 'do you sell garden furniture', undefined);
    expect(none).toMatchObject({ gap: true, sources: [] });
    expect(none.text).toBeUndefined();
  });
});
