import { describe, expect, it } from 'vitest';
import { trackViewport } from './viewport.js';

/** A visualViewport stand-in whose size the test changes, as the on-screen keyboard would. */
function fakeViewport(height: number) {
  const target = new EventTarget();
  return Object.assign(target, { height, offsetTop: 0, width: 375 }) as unknown as VisualViewport & {
    height: number;
    offsetTop: number;
  };
}

describe('on-screen keyboard handling', () => {
  it('sizes the phone panel to the visible viewport and follows it as the keyboard opens and closes', () => {
    const vv = fakeViewport(700);
    const written: string[] = [];
    const stop = trackViewport((css) => written.push(css), { visualViewport: vv, innerWidth: 375 });
    expect(written.at(-1)).toContain('height: 700px');
    Object.assign(vv, { height: 380, offsetTop: 120 });
    vv.dispatchEvent(new Event('resize'));
    expect(written.at(-1)).toContain('height: 380px');
    expect(written.at(-1)).toContain('top: 120px');
    const count = written.length;
    vv.dispatchEvent(new Event('scroll'));
    expect(written).toHaveLength(count);
    stop();
    expect(written.at(-1)).toBe('');
    vv.dispatchEvent(new Event('resize'));
    expect(written).toHaveLength(count + 1);
  });

  it('leaves desktop layouts alone', () => {
    const written: string[] = [];
    trackViewport((css) => written.push(css), { visualViewport: fakeViewport(900), innerWidth: 1280 });
    expect(written.filter(Boolean)).toEqual([]);
  });
});
