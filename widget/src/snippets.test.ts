import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const STUB =
  'window.Switchboard = window.Switchboard || function () { (window.Switchboard.q = window.Switchboard.q || []).push([].slice.call(arguments)); };';

/** README.md, docs/*.md and every example's README and HTML page. */
function documents(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f));
  const examples = readdirSync(join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.includes('node_modules') && !f.includes('dist/') && /(README\.md|\.html)$/.test(f))
    .map((f) => join('examples', f));
  return ['README.md', ...docs, ...examples];
}

/** Code blocks (or whole HTML files) that load the loader with a script tag. */
function snippets(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const blocks = file.endsWith('.html') ? [text] : [...text.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.filter((b) => /<script[^>]*src="[^"]*\/widget\.js"/.test(b));
}

describe('script-tag snippets in README, docs and examples', () => {
  it('each includes the queue stub, so Switchboard(…) right after it works as written', () => {
    const found = documents().flatMap((file) => snippets(file).map((block) => ({ file, block })));
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const { file, block } of found) expect(block, file).toContain(STUB);
  });
});
