import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

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
});
