import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConversationStore } from './storage/conversations.js';

// ConversationService is the only code that changes a conversation (and so the only one that tells subscribers):
// production code elsewhere calls its methods. Its store may be read anywhere, through these methods only.
const READS = ['get', 'latestForVisitor', 'latestForUser', 'history', 'recent', 'message'];
// Where conversations may be written: the service's own folder, the store's, and the wiring that builds the store.
const ALLOWED = [/^conversations\//, /^storage\//, /^index\.ts$/];
const TEST_CODE = /(\.test(-d)?\.tsx?|\.test-helpers\.ts)$|^testing\//;

/** The lines of `source` that mutate a conversation outside the service, with the rule each breaks. */
export function findMutations(source: string): string[] {
  const rules: Array<[RegExp, string]> = [
    [new RegExp(`service\\??\\.store\\b(?!\\??\\.(${READS.join('|')})\\()`), 'uses the store beyond reading'],
    [/\{[^}]*\bstore\b[^}]*\}\s*=\s*[\w.?]*service\b/, 'takes the store out of the service'],
    [/\bConversationStore\b/, 'uses the conversation store directly'],
    [/service\??\.(emit|emitChange)\(|\.emitChange\(/, 'emits a change itself'],
  ];
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    for (const [re, why] of rules) if (re.test(line)) found.push(`${i + 1}: ${why}: ${line.trim()}`);
  });
  return found;
}

const src = fileURLToPath(new URL('.', import.meta.url));
function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return productionFiles(path);
    const rel = relative(src, path).split('\\').join('/');
    return /\.(ts|tsx|mts|mjs)$/.test(e.name) && !TEST_CODE.test(rel) && !ALLOWED.some((a) => a.test(rel)) ? [rel] : [];
  });
}

describe('ConversationService is the only mutator of conversations', () => {
  it('allows only methods the store has and that only read', () => {
    const methods = Object.getOwnPropertyNames(ConversationStore.prototype);
    expect(methods).toEqual(expect.arrayContaining(READS));
    expect(READS.filter((m) => !/^(get|latest|history|recent|message)/.test(m))).toEqual([]);
  });

  it('finds each kind of bypass (the check can fail)', () => {
    expect(findMutations("await service.store.update(id, { contactEmail: 'a' });")).toHaveLength(1);
    expect(findMutations('await this.deps.service.store.mergeVisitorAttributes(id, a, 5);')).toHaveLength(1);
    expect(findMutations('const conversations = this.service.store;')).toHaveLength(1);
    expect(findMutations('const { store } = this.handoff.deps.service;')).toHaveLength(1);
    expect(findMutations("service.emit('conversation', c, { type: 'contact' });")).toHaveLength(1);
    expect(findMutations("this.service.emitChange({ kind: 'contact' });")).toHaveLength(1);
    expect(findMutations('const s = new ConversationStore(db);')).toHaveLength(1);
    expect(findMutations('const c = await service.store.get(id); await service.setContact(id, e);')).toEqual([]);
  });

  it('has no bypass in production code outside conversations/ and storage/', () => {
    const files = productionFiles(src);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => findMutations(readFileSync(join(src, f), 'utf8')).map((m) => `${f}:${m}`));
    expect(found, 'call a ConversationService method instead').toEqual([]);
  });
});
