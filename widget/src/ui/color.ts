/** Accept only real CSS colours, so a configured colour can never inject CSS. */
export function safeColor(c: string | undefined): string | undefined {
  if (!c || /[;{}<>\\]/.test(c)) return undefined;
  return typeof CSS === 'undefined' || CSS.supports('color', c) ? c : undefined;
}

/** Relative luminance of an sRGB hex or rgb() colour (WCAG); undefined for other notations. */
export function luminance(color: string): number | undefined {
  let rgb: number[] | undefined;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((x) => x + x).join('') : hex[1];
    rgb = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else {
    const m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(color.trim());
    if (m) rgb = [m[1], m[2], m[3]].map(Number);
  }
  if (!rgb) return undefined;
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or near-black text, whichever contrasts more with `accent` (keeps ≥ 4.5:1 for most brand colours). */
export function readableOn(accent: string): string {
  const l = luminance(accent);
  if (l === undefined) return '#fff';
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (0.0118 + 0.05);
  return onWhite >= onDark ? '#fff' : '#111827';
}
