import { describe, expect, it } from 'vitest';
import { readFrontMatter } from './front-matter.js';
import { parseMarkdown } from './markdown.js';

describe('front matter', () => {
  it('reads valid YAML as YAML', () => {
    const r = readFrontMatter('---\ntitle: "Fees"\ntags: [a, b]\n---\n# Fees\nText');
    expect(r).toMatchObject({ data: { title: 'Fees', tags: ['a', 'b'] }, lenient: false });
    expect(r.content.trim()).toBe('# Fees\nText');
  });

  it('keeps an article whose title has an unquoted colon, reading the block line by line', () => {
    const r = readFrontMatter(
      '---\ntitle: Changing a booking: names, dates and hotels\nurl: https://x.example/changes\ntags: [change, amend]\n---\nBody',
    );
    expect(r.lenient).toBe(true);
    expect(r.data).toEqual({
      title: 'Changing a booking: names, dates and hotels',
      url: 'https://x.example/changes',
      tags: ['change', 'amend'],
    });
    expect(r.content).toBe('Body');
    const doc = parseMarkdown(
      '---\ntitle: Fees: what they cost\ncollection: billing\n---\nA name change costs 25 euro.',
      { id: 'billing/fees', collection: 'general', source: 'billing/fees.md' },
    );
    expect(doc).toMatchObject({ title: 'Fees: what they cost', collection: 'billing' });
  });

  it('still refuses a broken block it cannot read at all', () => {
    expect(() => readFrontMatter('---\ntitle: [unclosed\nno closing fence')).toThrow();
  });
});
