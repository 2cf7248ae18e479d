import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import { loadRouterConfig } from '../router/config.js';
import { coverage, extractiveAnswer, trimPassage } from './answerer.js';

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

  it('answers from the agent’s own collection with citations, and admits when nothing is relevant', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await kb.upsertDocuments([
      { id: 'refunds', title: 'Refunds', body: 'You can get a full refund within 14 days.', url: 'https://help.example/refunds', collection: 'billing' },
      { id: 'reset', title: 'Reset password', body: 'A refund is not a password. Use the reset link.', collection: 'technical' },
    ]);
    const billing = loadRouterConfig().agents.find((a) => a.name === 'billing')!;
    const a = await extractiveAnswer(kb, billing, 'can I get a refund', undefined);
    expect(a).toMatchObject({ gap: false, sources: [{ id: 'refunds', title: 'Refunds', url: 'https://help.example/refunds' }] });
    expect(a.text).toContain('full refund');
    const none = await extractiveAnswer(kb, billing, 'do you sell garden furniture', undefined);
    expect(none).toMatchObject({ gap: true, sources: [] });
    expect(none.text).toBeUndefined();
  });
});
