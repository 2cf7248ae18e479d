import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import {
  DEFAULT_GLOSSARY,
  englishWords,
  expandQuery,
  mergeGlossary,
  preferLanguage,
  withLanguage,
} from './multilingual.js';

describe('glossary search text', () => {
  it('turns support words into English and keeps numbers and names', () => {
    expect(expandQuery('Und wenn ich krank bin?', 'de', DEFAULT_GLOSSARY)).toBe('medical ill sick');
    expect(expandQuery('¿Hacen envíos a Irlanda?', 'es', DEFAULT_GLOSSARY)).toBe('delivery shipping ireland Irlanda');
    expect(expandQuery('Gibt es Aqua Fit auch in Galway? Kurse ab 7 Uhr', 'de', DEFAULT_GLOSSARY)).toContain('Galway');
    // Accents are optional on both sides.
    expect(englishWords('cuanto cuesta la membresía', 'es', DEFAULT_GLOSSARY)).toEqual(
      expect.arrayContaining(['membership', 'cost']),
    );
  });

  it('leaves English, unknown languages and messages without a glossary word alone', () => {
    expect(expandQuery('how much is it', 'en', DEFAULT_GLOSSARY)).toBe('how much is it');
    expect(expandQuery('hola', 'es', DEFAULT_GLOSSARY)).toBe('hola');
    expect(expandQuery('something', undefined, DEFAULT_GLOSSARY)).toBe('something');
  });

  it('lets an owner add words without losing the shipped ones', () => {
    const g = mergeGlossary(DEFAULT_GLOSSARY, { es: { mueble: 'furniture' } });
    expect(englishWords('el mueble y el pedido', 'es', g)).toEqual(['order', 'furniture']);
  });
});

describe('articles in the customer language', () => {
  it('puts articles in the customer language first and keeps other translations away from everyone else', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await kb.upsertDocuments([
      { id: 'cancel', title: 'Cancel your membership', body: 'Cancel in the app with 30 days notice.' },
      {
        id: 'es/cancelar',
        title: 'Cancelar tu membresía',
        body: 'Cancela en la app con 30 días de preaviso. Cancel membership.',
        tags: ['lang:es'],
      },
    ]);
    const search = preferLanguage(kb);
    const native = new Set<string>();
    const es = await withLanguage({ language: 'es', native }, () =>
      search.search('cancelar membresía cancel membership'),
    );
    expect(es[0].chunk.docId).toBe('es/cancelar');
    expect([...native]).toEqual(['es/cancelar']);
    const en = await search.search('cancel membership');
    expect(en.map((h) => h.chunk.docId)).toEqual(['cancel']);
    const fr = await withLanguage({ language: 'fr', native: new Set() }, () => search.search('cancel membership'));
    expect(fr.map((h) => h.chunk.docId)).toEqual(['cancel']);
  });

  it('looks further for an English article when translations fill the first hits, and passes the section lookup through', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await kb.upsertDocuments([
      { id: 'roaming', title: 'Using your phone abroad', body: 'Roam Further costs £6 a day in the USA.' },
      ...['a', 'b', 'c'].map((x) => ({
        id: `es/roaming-${x}`,
        title: `Roaming ${x}`,
        body: 'Roaming en the states: roaming the states roaming.',
        tags: ['lang:es'],
      })),
    ]);
    const search = preferLanguage(kb);
    const en = await search.search('roaming the states', { limit: 2 });
    expect(en.map((h) => h.chunk.docId)).toEqual(['roaming']);
    expect(search.document?.('roaming').length).toBe(1);
  });
});
