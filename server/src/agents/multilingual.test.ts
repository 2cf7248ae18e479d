import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import {
  DEFAULT_GLOSSARY,
  englishWords,
  expandQuery,
  meaningfulWords,
  mergeGlossary,
  preferLanguage,
  sharedWords,
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

  it('matches plural and feminine forms of a glossary entry, not longer words that start with it', () => {
    const g = { fr: { gratuit: 'free', cher: 'expensive' }, es: { factura: 'invoice' } };
    expect(englishWords('la livraison est gratuite ?', 'fr', g)).toEqual(['free']);
    expect(englishWords('une option moins chère', 'fr', g)).toEqual(['expensive']);
    expect(englishWords('dónde están mis facturas', 'es', g)).toEqual(['invoice']);
    expect(englishWords('cherchez la facture', 'fr', g)).toEqual([]);
  });

  it('bridges the question words and support vocabulary that decide which passage answers', () => {
    expect(englishWords('Wie lange speichert ihr meine Daten?', 'de', DEFAULT_GLOSSARY)).toEqual(
      expect.arrayContaining(['how', 'long', 'keep']),
    );
    expect(englishWords('Quand est-ce que le technicien vient ?', 'fr', DEFAULT_GLOSSARY)).toEqual(
      expect.arrayContaining(['when', 'engineer']),
    );
    expect(englishWords('¿Tengo derecho a una compensación por la avería?', 'es', DEFAULT_GLOSSARY)).toEqual(
      expect.arrayContaining(['compensation', 'fault']),
    );
    // "connexion" on its own is a connection, not only a log-in.
    expect(englishWords('ma connexion internet est coupée', 'fr', DEFAULT_GLOSSARY)).toContain('connection');
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

describe('translations that do not fit the customer', () => {
  it('answers an English question from no translation while the help centre has English articles', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await kb.upsertDocuments([
      { id: 'roaming', title: 'Roaming', body: 'Roam Further costs £6 a day in the states.', collection: 'general' },
      {
        id: 'es/roaming',
        title: 'Roaming en el extranjero',
        body: 'Roam Further cuesta 6 £ al día en los Estados Unidos: roaming the states.',
        collection: 'billing',
        tags: ['lang:es'],
      },
    ]);
    const search = preferLanguage(kb);
    // The billing agent's collection holds only the Spanish translation: nothing, so the other agents are asked.
    expect(await search.search('roaming the states', { collections: ['billing'] })).toEqual([]);
    expect((await search.search('roaming the states'))[0].chunk.docId).toBe('roaming');
    // A help centre with nothing in English: the translation is still better than no answer.
    const german = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await german.upsertDocuments([
      { id: 'de/versand', title: 'Versand', body: 'Versand in die Schweiz kostet 9 €.', tags: ['lang:de'] },
    ]);
    const only = await preferLanguage(german).search('shipping to switzerland', { collections: ['general'] });
    expect(only[0].chunk.docId).toBe('de/versand');
  });

  it('does not offer an article in the customer language that shares only function words with the question', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await kb.upsertDocuments([
      {
        id: 'sim',
        title: 'SIM and PIN',
        body: 'If the PIN is entered wrongly 3 times the SIM is locked; enter the PUK from the app.',
        collection: 'technical',
      },
      {
        id: 'de/router',
        title: 'Router einrichten',
        body: 'Ich habe die Lampe am Router: was nun, wenn die Lampe orange ist? Dann ist das Kabel lose.',
        collection: 'technical',
        tags: ['lang:de'],
      },
    ]);
    const search = preferLanguage(kb);
    const native = new Set<string>();
    const said = 'Meine SIM ist gesperrt, ich habe die PIN dreimal falsch eingegeben. Was nun?';
    const hits = await withLanguage({ language: 'de', native, original: said }, () =>
      search.search('locked blocked SIM PIN', { collections: ['technical'] }),
    );
    expect(hits.map((h) => h.chunk.docId)).toEqual(['sim']);
    expect(native.size).toBe(0);
    expect(meaningfulWords(said, 'de')).toBe('SIM gesperrt PIN dreimal falsch eingegeben');
  });
});

describe('a translation that shares one common word with the question', () => {
  it('gives way to the English article that fits better, even in another collection', async () => {
    const kb = await createKnowledgeBase({ embedder: createHashEmbedder() });
    await kb.upsertDocuments([
      {
        id: 'insurance',
        title: 'Acme Cover insurance',
        body: 'Acme Cover protects your phone against theft: the excess is £100 for a replacement.',
        collection: 'general',
      },
      {
        id: 'de/router',
        title: 'Acme Router einrichten',
        body: 'Stecken Sie den Acme Router ein und warten Sie, bis die Lampe weiß leuchtet.',
        collection: 'technical',
        tags: ['lang:de'],
      },
    ]);
    const search = preferLanguage(kb);
    const native = new Set<string>();
    const said = 'Wie hoch ist die Selbstbeteiligung bei Diebstahl mit Acme Cover?';
    const hits = await withLanguage({ language: 'de', native, original: said }, () =>
      search.search(`${said} theft stolen excess`, { collections: ['technical'] }),
    );
    // Only the brand is shared with the German set-up guide: it does not answer an insurance question.
    expect(hits.map((h) => h.chunk.docId)).not.toContain('de/router');
    expect(native.size).toBe(0);
  });

  it('counts the distinct content words a passage shares with the question', () => {
    expect(sharedWords('Selbstbeteiligung Diebstahl Acme Cover', 'Acme Router einrichten')).toBe(1);
    expect(sharedWords('roaming cuesta marruecos', 'Lo que cuesta el roaming')).toBe(2);
  });
});
