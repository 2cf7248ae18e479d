import { describe, expect, it } from 'vitest';
import { langTags } from './lang.js';
import { parseMarkdown } from './markdown.js';

describe('article language', () => {
  it('comes from front matter lang:, else a language folder; other folders are no language', () => {
    expect(langTags('es', 'billing/cancel')).toEqual(['lang:es']);
    expect(langTags('de-AT', 'x')).toEqual(['lang:de']);
    expect(langTags(undefined, 'fr/annuler')).toEqual(['lang:fr']);
    expect(langTags(undefined, 'billing/refunds')).toEqual([]);
    expect(langTags(undefined, 'ui/colours')).toEqual([]);
    expect(langTags(42, 'refunds')).toEqual([]);
  });

  it('is a tag on the parsed document', () => {
    const d = parseMarkdown('---\nlang: es\ntags: [dinero]\n---\n# Reembolsos\n\nEn 14 días.', {
      id: 'billing/reembolsos',
      collection: 'billing',
      source: 'x.md',
    });
    expect(d.tags).toEqual(['dinero', 'lang:es']);
  });
});
