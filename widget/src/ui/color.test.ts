import { describe, expect, it } from 'vitest';
import { luminance, readableOn, safeColor } from './color.js';

const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a)!, luminance(b)!].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

describe('accent colours', () => {
  it('picks the text colour with at least 4.5:1 contrast on common brand colours', () => {
    for (const accent of [
      '#4f46e5',
      '#0f766e',
      '#b45309',
      '#facc15',
      '#ffffff',
      '#000',
      '#22c55e',
      '#e11d48',
      'rgb(14, 165, 233)',
    ]) {
      expect(contrast(accent, readableOn(accent)), accent).toBeGreaterThanOrEqual(4.5);
    }
    expect(readableOn('#4f46e5')).toBe('#fff');
    expect(readableOn('#facc15')).toBe('#111827');
  });

  it('refuses anything that could break out of a CSS declaration', () => {
    expect(safeColor('red;} body{display:none')).toBeUndefined();
    expect(safeColor('#4f46e5')).toBe('#4f46e5');
    expect(safeColor(undefined)).toBeUndefined();
  });
});
