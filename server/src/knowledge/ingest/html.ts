import { parse } from 'node-html-parser';
import type { SourceDocument } from './types.js';

const DROP =
  'script, style, noscript, nav, header, footer, aside, form, iframe, svg, template, [aria-hidden="true"], [role="navigation"]';

/** Parse an HTML page: drop navigation and scripts, keep headings as section boundaries. */
export function parseHtml(
  content: string,
  fallback: { id: string; collection: string; source: string },
): SourceDocument {
  const root = parse(content, { comment: false });
  for (const el of root.querySelectorAll(DROP)) el.remove();
  const meta = (name: string) => root.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? undefined;
  const main = root.querySelector('main, article, [role="main"]') ?? root.querySelector('body') ?? root;
  const h1 = main.querySelector('h1')?.text.trim();
  const title = (h1 || root.querySelector('title')?.text.trim() || fallback.id).replace(/\s+/g, ' ');
  const sections: Array<{ heading: string; text: string }> = [];
  const path: string[] = [];
  let buf: string[] = [];
  const flush = () => {
    const text = buf.join(' ').replace(/\s+/g, ' ').trim();
    if (text) sections.push({ heading: path.filter(Boolean).join(' > '), text });
    buf = [];
  };
  for (const el of main.querySelectorAll('h1, h2, h3, h4, h5, h6, p, li, pre, td, th, dd, dt, blockquote')) {
    const tag = el.tagName.toLowerCase();
    if (/^h[1-6]$/.test(tag)) {
      flush();
      const level = Number(tag[1]);
      path.length = level - 1;
      path[level - 1] = level === 1 ? '' : el.text.trim().replace(/\s+/g, ' ');
      continue;
    }
    // Nested blocks (li inside li) would otherwise be counted twice.
    if (el.parentNode && (el.parentNode as { tagName?: string }).tagName?.toLowerCase() === 'li' && tag !== 'li')
      continue;
    buf.push(el.text);
  }
  flush();
  return {
    id: meta('switchboard:id') ?? fallback.id,
    title,
    url: root.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined,
    collection: meta('switchboard:collection') ?? fallback.collection,
    tags: (meta('keywords') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    sections,
    source: fallback.source,
  };
}
