import { existsSync, readFileSync } from 'node:fs';
import { h, type VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { inline, Markdown, safeHref } from './markdown.js';

/** Every element vnode in a tree. */
function walk(node: unknown, out: VNode[] = []): VNode[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (node && typeof node === 'object' && 'type' in (node as VNode)) {
    const v = node as VNode<Record<string, unknown>>;
    if (typeof v.type === 'function') walk((v.type as (p: unknown) => unknown)(v.props), out);
    else {
      out.push(v);
      walk(v.props.children, out);
    }
  }
  return out;
}

const RSNAKE = new URL('../../../../shared/data/xss/rsnake.txt', import.meta.url);
const CORPUS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click]( javascript:alert(1))',
  '[click](java\tscript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '**[bold](javascript:alert(1))**',
  '"><script>alert(1)</script>',
  'jaVasCript:/*-/*`/*\\`/*\'/*"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e',
  ...(existsSync(RSNAKE) ? readFileSync(RSNAKE, 'utf8').split('\n').filter(Boolean) : []),
];

describe('safe Markdown', () => {
  it('renders paragraphs, lists, code and inline marks as elements', () => {
    const nodes = walk(
      h(Markdown, { text: 'Hello **you**\n\n- one\n- *two*\n\n```\ncode\n```\n[docs](https://example.com/a)' }),
    );
    const tags = nodes.map((n) => n.type);
    expect(tags).toEqual(expect.arrayContaining(['p', 'strong', 'ul', 'li', 'em', 'pre', 'code', 'a']));
    const a = nodes.find((n) => n.type === 'a')!;
    expect(a.props).toMatchObject({ href: 'https://example.com/a', rel: 'noopener noreferrer', target: '_blank' });
  });

  it('never produces raw HTML, event handlers or unsafe links for an XSS corpus', () => {
    expect(CORPUS.length).toBeGreaterThan(10);
    for (const payload of CORPUS) {
      for (const n of walk(h(Markdown, { text: payload }))) {
        expect(['div', 'p', 'ul', 'ol', 'li', 'pre', 'code', 'strong', 'em', 'a'], payload).toContain(n.type);
        const props = n.props as Record<string, unknown>;
        expect(props.dangerouslySetInnerHTML, payload).toBeUndefined();
        expect(
          Object.keys(props).filter((k) => /^on/i.test(k)),
          payload,
        ).toEqual([]);
        if (n.type === 'a') expect(String(props.href), payload).toMatch(/^(https?:|mailto:)/i);
      }
    }
  });

  it('only allows http(s) and mailto links', () => {
    expect(safeHref('https://a.example')).toBe('https://a.example');
    expect(safeHref('mailto:help@a.example')).toBe('mailto:help@a.example');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' \u0000javascript:alert(1)')).toBeUndefined();
    expect(safeHref('//evil.example')).toBeUndefined();
    const parts = inline('[x](javascript:alert(1))');
    expect(parts.every((p) => typeof p === 'string')).toBe(true);
    expect(parts.join('')).toBe('[x](javascript:alert(1))');
  });
});

describe('hostile input', () => {
  // The old renderer rescanned the rest of the text from every `[` (quadratic: ~30 s for 100 KB). The bound here is
  // 20 s for work that now takes about a millisecond, so only a return of the quadratic behaviour can trip it;
  // `npm run bench:markdown` prints the actual times.
  it('renders 100 KB runs of `[`, unclosed links and marks as plain text', { timeout: 20_000 }, () => {
    for (const text of ['['.repeat(100_000), '[a](b'.repeat(20_000), '[a'.repeat(50_000), '`a'.repeat(50_000)]) {
      const nodes = walk(Markdown({ text }));
      expect(nodes.filter((n) => n.type === 'a')).toEqual([]);
      expect(inline(text).join('').length).toBeGreaterThan(0);
    }
  });

  it('still renders ordinary links and marks', () => {
    const nodes = walk(Markdown({ text: 'see [the docs](https://example.com/docs) and **bold** `code`' }));
    expect(nodes.find((n) => n.type === 'a')?.props).toMatchObject({ href: 'https://example.com/docs' });
    expect(nodes.some((n) => n.type === 'strong')).toBe(true);
  });
});
