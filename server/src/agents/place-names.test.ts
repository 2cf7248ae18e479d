import { describe, expect, it } from 'vitest';
import { englishPlaceNames } from './place-names.js';
import { DEFAULT_GLOSSARY, englishWords } from './multilingual.js';

describe('country names across languages', () => {
  it("names a country in English whatever the customer's language, with or without accents and hyphens", () => {
    expect(englishPlaceNames('combien coûte un appel vers le Maroc depuis le Royaume-Uni ?', 'fr')).toEqual(
      expect.arrayContaining(['Morocco', 'United Kingdom']),
    );
    expect(englishPlaceNames('cuanto cuesta en estados unidos y en mexico', 'es')).toEqual(
      expect.arrayContaining(['United States', 'Mexico']),
    );
    expect(englishPlaceNames('Was kostet das in der Schweiz?', 'de')).toEqual(['Switzerland']);
    expect(englishPlaceNames('Etats Unis', 'fr')).toEqual(['United States', 'US']);
  });

  it("adds the short English name a help centre is likely to write (UK, US) to ICU's long one", () => {
    expect(englishPlaceNames('depuis le Royaume-Uni', 'fr')).toEqual(['United Kingdom', 'UK']);
    expect(englishPlaceNames('Was kostet das in der Schweiz?', 'de')).toEqual(['Switzerland']);
  });

  it('finds nothing in English messages, in words that only contain a name, or for an unknown language tag', () => {
    expect(englishPlaceNames('how much is it in France', 'en')).toEqual([]);
    expect(englishPlaceNames('francamente no sé', 'es')).toEqual([]);
    expect(englishPlaceNames('Maroc', 'not a language')).toEqual([]);
  });

  it('adds the English names to the glossary words the search uses', () => {
    expect(englishWords('¿Cuánto cuesta llamar a Marruecos?', 'es', DEFAULT_GLOSSARY)).toEqual(
      expect.arrayContaining(['morocco', 'cost']),
    );
    expect(englishWords('Appel vers le Maroc', 'fr', {})).toEqual(['morocco']);
  });
});
