import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { detectLanguage, SUPPORTED_LANGUAGES } from './language.js';
import { createDetector, readNgrams } from './language-ngrams.js';

const SAMPLES = [
  '¿Hacen envíos a Irlanda?',
  'Und wenn ich krank bin?',
  'et pour une famille avec deux enfants ?',
  'how much extra?',
  'gracias',
  'hola',
  'Wie kann ich mein Passwort zurücksetzen',
  'je voudrais annuler ma commande',
  'o que é isso',
  'dank je wel',
  'ok',
  'refund please',
  'mi pedido no llegó',
];

describe('detectLanguage', () => {
  it('reads short messages in the five shipped languages', () => {
    // One-letter words ("a", "y") used to count as English.
    expect(detectLanguage('¿Hacen envíos a Irlanda?')).toBe('es');
    expect(detectLanguage('y cuantos dias de preaviso hay que dar?')).toBe('es');
    expect(detectLanguage('Und wenn ich krank bin?')).toBe('de');
    expect(detectLanguage('et pour une famille avec deux enfants de 13 et 15 ans ?')).toBe('fr');
    expect(detectLanguage('how much extra?')).toBe('en');
    expect(detectLanguage('and for Scotland?')).toBe('en');
    expect(detectLanguage('routing number for american river')).toBe('en');
    expect(detectLanguage('gracias')).toBe('es');
    expect(detectLanguage('مرحبا')).toBe('ar');
  });

  it('says nothing rather than guess on text without words', () => {
    expect(detectLanguage('')).toBeUndefined();
    expect(detectLanguage('!!!!?? 12345')).toBeUndefined();
    expect(detectLanguage('ok')).toBeUndefined();
    expect(detectLanguage('.'.repeat(4000))).toBeUndefined();
  });

  it('never throws on mixed scripts or very long input', () => {
    expect(() => detectLanguage('hello 你好 привет שלום 🙂'.repeat(200))).not.toThrow();
  });

  it('detects exactly as the whole n-gram table does after the other languages were dropped from it', async () => {
    const read = (code: string) =>
      JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', code], {
          cwd: new URL('../..', import.meta.url).pathname,
          encoding: 'utf8',
        }),
      );
    // A fresh process with eld's own, unpruned table and the same subset.
    const whole = read(`import { eld } from 'eld/medium'; eld.setLanguageSubset(${JSON.stringify(SUPPORTED_LANGUAGES)});
      console.log(JSON.stringify(${JSON.stringify(SAMPLES)}.map((t) => { const r = eld.detect(t); return [r.language, r.isReliable(), r.getScores()]; })));`);
    // The detector detectLanguage uses: built on the pruned table.
    const eld = await createDetector(SUPPORTED_LANGUAGES);
    const pruned = SAMPLES.map((t) => {
      const r = eld.detect(t);
      return [r.language, r.isReliable(), r.getScores()];
    });
    expect(pruned).toEqual(whole);
    // And the table really was pruned: no entry keeps another language's score.
    const table = readNgrams(SUPPORTED_LANGUAGES);
    const kept = new Set(
      Object.entries(table.languages)
        .filter(([, c]) => (SUPPORTED_LANGUAGES as readonly string[]).includes(c))
        .map(([id]) => id),
    );
    const ids = new Set(Object.values(table.ngrams).flatMap((scores) => Object.keys(scores)));
    expect([...ids].every((id) => kept.has(id))).toBe(true);
    expect(ids.size).toBe(kept.size);
  });
});
