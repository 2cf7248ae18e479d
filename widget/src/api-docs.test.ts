import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../../docs/widget-api.md', import.meta.url), 'utf8');

/** Member names of an exported interface or object type, read with the TypeScript compiler so the check follows the real types. */
function members(file: string, name: string): string[] {
  const path = new URL(file, import.meta.url).pathname;
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  source.forEachChild((node) => {
    // An interface, or a type alias of an object type (ChatEvents is one, so that it is a closed map).
    const members =
      ts.isInterfaceDeclaration(node) && node.name.text === name
        ? node.members
        : ts.isTypeAliasDeclaration(node) && node.name.text === name && ts.isTypeLiteralNode(node.type)
          ? node.type.members
          : undefined;
    for (const m of members ?? []) if (m.name && ts.isIdentifier(m.name)) out.push(m.name.text);
  });
  expect(out.length, `${name} in ${file}`).toBeGreaterThan(0);
  return out;
}

describe('docs/widget-api.md', () => {
  it('documents every option', () => {
    for (const m of members('./core/types.ts', 'ChatOptions')) expect(doc, `option ${m}`).toContain(`\`${m}\``);
  });
  it('documents every method', () => {
    for (const m of members('./sdk.ts', 'Chat')) expect(doc, `method ${m}`).toMatch(new RegExp(`\`${m}(\\(|\`)`));
  });
  it('documents every event', () => {
    for (const m of members('./core/types.ts', 'ChatEvents')) expect(doc, `event ${m}`).toContain(`\`${m}\``);
  });
});
