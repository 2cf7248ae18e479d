import { describe, expect, it } from 'vitest';
import { readNgrams, type NgramTable } from './language-ngrams.js';

describe('readNgrams', () => {
  it("reads eld's table as data exactly as eld's module holds it", async () => {
    // The module, imported here only to compare: the server reads the file as JSON instead.
    const { ngramsData } = (await import(new URL('../ngrams/medium.js', import.meta.resolve('eld')).href)) as {
      ngramsData: NgramTable;
    };
    expect(readNgrams(Object.values(ngramsData.languages))).toEqual(ngramsData);
  });

  it("keeps only the given languages' scores and drops n-grams left without any", () => {
    const table = readNgrams(['en']);
    const en = Object.entries(table.languages).find(([, code]) => code === 'en')![0];
    const scores = Object.values(table.ngrams);
    expect(scores.length).toBeGreaterThan(1000);
    expect(scores.every((s) => Object.keys(s).length === 1 && en in s)).toBe(true);
  });
});
