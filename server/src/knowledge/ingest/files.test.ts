import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDocuments } from './files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const opts = { collection: 'general', maxFileBytes: 1024 * 1024 };

describe('readDocuments', () => {
  it('reads Markdown, HTML, text and JSONL from nested folders, skipping unsupported and dot files', () => {
    mkdirSync(join(dir, 'billing'));
    writeFileSync(join(dir, 'billing', 'refunds.md'), '---\ncollection: billing\n---\n# Refunds\n\nWithin 30 days.');
    writeFileSync(join(dir, 'page.html'), '<h1>Page</h1><p>Body text.</p>');
    writeFileSync(join(dir, 'notes.txt'), 'Support hours\nWe answer 9 to 5.');
    writeFileSync(
      join(dir, 'faq.jsonl'),
      '{"id":"q1","title":"Reset password","body":"Use the link.","url":"https://x/q1"}\n\n{"id":2,"title":"Other","body":"Text."}\n',
    );
    writeFileSync(join(dir, 'image.png'), 'binary');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'x.md'), '# hidden');
    const { docs, issues } = readDocuments(dir, opts);
    expect(issues).toEqual([]);
    expect(docs.map((d) => d.id).sort()).toEqual(['2', 'billing/refunds', 'notes', 'page', 'q1']);
    expect(docs.find((d) => d.id === 'notes')).toMatchObject({
      title: 'Support hours',
      sections: [{ heading: '', text: 'We answer 9 to 5.' }],
    });
    expect(docs.find((d) => d.id === 'q1')).toMatchObject({
      title: 'Reset password',
      url: 'https://x/q1',
      source: 'faq.jsonl',
    });
    expect(docs.find((d) => d.id === 'billing/refunds')?.collection).toBe('billing');
  });

  it('reads a single .jsonl file', () => {
    const file = join(dir, 'docs.jsonl');
    writeFileSync(file, '{"id":"a","title":"A","body":"alpha"}\n');
    expect(readDocuments(file, opts).docs.map((d) => d.id)).toEqual(['a']);
  });

  it('skips bad input with one clear message per file and completes the rest', () => {
    writeFileSync(join(dir, 'good.md'), '# Good\n\nFine text.');
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xe9, 0xff, 0xfe]));
    writeFileSync(join(dir, 'empty.md'), '---\ntitle: Nothing\n---\n\n');
    writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(2 * 1024 * 1024, 'a'));
    writeFileSync(
      join(dir, 'rows.jsonl'),
      '{"id":"r1","title":"R","body":"x"}\n{"id":"r1","title":"dup","body":"y"}\nnot json\n{"title":"no id","body":"z"}\n',
    );
    // A dangling link cannot be read even by root (chmod 000 can).
    symlinkSync(join(dir, 'gone.md'), join(dir, 'broken.md'));
    const { docs, issues } = readDocuments(dir, opts);
    expect(docs.map((d) => d.id).sort()).toEqual(['good', 'r1']);
    const byCode = (code: string) => issues.filter((i) => i.code === code).map((i) => i.file);
    expect(byCode('invalid_utf8')).toEqual(['latin1.txt']);
    expect(byCode('empty')).toEqual(['empty.md']);
    expect(byCode('too_large')).toEqual(['huge.txt']);
    expect(byCode('duplicate_id')).toEqual(['rows.jsonl']);
    expect(byCode('parse_error')).toEqual(['rows.jsonl:3', 'rows.jsonl:4']);
    expect(byCode('unreadable')).toEqual(['broken.md']);
    for (const i of issues) expect(i.message).toMatch(/skipped/);
  });
});
