import { describe, expect, it } from 'vitest';
import { chunkDocument, contentHash, embeddingText } from './chunk.js';
import type { SourceDocument } from './types.js';

const doc = (sections: SourceDocument['sections']): SourceDocument => ({
  id: 'd1',
  title: 'Refunds',
  collection: 'billing',
  tags: ['money'],
  sections,
  source: 'test',
});
const words = (n: number, prefix = 'w') => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');

describe('chunkDocument', () => {
  it('keeps a short section as one chunk with its heading path and metadata', () => {
    const [c, ...rest] = chunkDocument(doc([{ heading: 'Billing > Refunds', text: 'Ask within 30 days.' }]));
    expect(rest).toHaveLength(0);
    expect(c).toMatchObject({
      id: 'd1#0',
      docId: 'd1',
      title: 'Refunds',
      heading: 'Billing > Refunds',
      text: 'Ask within 30 days.',
      collection: 'billing',
      tags: ['money'],
    });
  });

  it('splits long sections by size with overlap and never crosses a heading', () => {
    const chunks = chunkDocument(
      doc([
        { heading: 'A', text: words(200) },
        { heading: 'B', text: words(10, 'b') },
      ]),
      { maxWords: 80, overlapWords: 15 },
    );
    const a = chunks.filter((c) => c.heading === 'A');
    expect(a.length).toBe(3);
    for (const c of a) expect(c.text.split(' ').length).toBeLessThanOrEqual(80);
    expect(a[1].text.startsWith('w65 ')).toBe(true); // 80 − 15 overlap
    expect(a[2].text.endsWith('w199')).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ heading: 'B', text: words(10, 'b') });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
  });

  it('hashes content so only changed text gets a new hash', () => {
    const before = chunkDocument(
      doc([
        { heading: 'A', text: 'one' },
        { heading: 'B', text: 'two' },
      ]),
    );
    const after = chunkDocument(
      doc([
        { heading: 'A', text: 'one' },
        { heading: 'B', text: 'two, edited' },
      ]),
    );
    expect(after[0].hash).toBe(before[0].hash);
    expect(after[1].hash).not.toBe(before[1].hash);
    expect(contentHash('a', 'bc')).not.toBe(contentHash('ab', 'c'));
  });

  it('puts title and heading first in the embedded text', () => {
    const [c] = chunkDocument(doc([{ heading: 'Policy', text: 'Ask within 30 days.' }]));
    expect(embeddingText(c)).toBe('Refunds. Policy. Ask within 30 days.');
  });
});

describe('chunkDocument line breaks', () => {
  it('keeps line breaks inside a chunk with the same word windows, hash and embedded text as flat text', () => {
    const [c] = chunkDocument(doc([{ heading: 'Fees', text: 'Fees:\n- €5 late\n- €10   failed' }]));
    expect(c.text).toBe('Fees:\n- €5 late\n- €10 failed');
    const [f] = chunkDocument(doc([{ heading: 'Fees', text: 'Fees: - €5 late - €10 failed' }]));
    expect(c.hash).toBe(f.hash);
    expect(embeddingText(c)).toBe(embeddingText(f));
  });
});
