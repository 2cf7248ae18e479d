import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('.', import.meta.url).pathname;

/** Every widget source file (tests and the test-only fakes excluded). */
function sources(dir = ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

// What a strict Content-Security-Policy or an XSS review would object to (docs/csp.md promises none of it).
const FORBIDDEN: Array<[string, RegExp]> = [
  ['innerHTML / outerHTML / insertAdjacentHTML', /\b(innerHTML|outerHTML|insertAdjacentHTML)\b/],
  ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
  ['eval / new Function', /\beval\s*\(|new\s+Function\s*\(/],
  [
    'inline style attributes',
    /\sstyle=\{|\sstyle="|setAttribute\(\s*['"]style['"]|\.style\.(cssText|setProperty)|\.style\.[a-z]+\s*=/,
  ],
  ['document.write', /document\.write/],
  ['string timers', /set(Timeout|Interval)\(\s*['"`]/],
];

describe('widget sources stay CSP-friendly and XSS-safe', () => {
  it('use none of the forbidden constructs', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(20);
    const hits: string[] = [];
    for (const file of files) {
      // Comments may name the things we avoid ("rendered without innerHTML"); code may not.
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|\s)\/\/.*$/gm, '$1');
      for (const [what, re] of FORBIDDEN) if (re.test(text)) hits.push(`${file.slice(ROOT.length)}: ${what}`);
    }
    expect(hits).toEqual([]);
  });
});
