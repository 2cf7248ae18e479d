import { readFileSync } from 'node:fs';
import type { eld as EldInstance } from 'eld/medium';

/** eld's n-gram database: language ids → ISO codes, and per n-gram the score of each language that has it. */
export type NgramTable = {
  type: string;
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
};

type CreateEld = () => { instance: typeof EldInstance; loadData: (data: NgramTable) => string };

// eld's files, reached by their paths next to its entry point (eld exports neither the table nor `createEld`).
const eldFile = (path: string) => new URL(path, import.meta.resolve('eld'));

/** eld's n-gram file's object literal as JSON: bare keys quoted, single-quoted strings double-quoted. */
function literalToJson(literal: string): string {
  return literal.replace(/'((?:[^'\\]|\\.)*)'|([\w$]+)(?=:)/g, (_match, text?: string, key?: string) =>
    text === undefined ? `"${key}"` : `"${text.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`,
  );
}

/**
 * eld's medium n-gram table with only the scores of `keep` (ISO 639-1), read as data. Importing eld's module instead
 * keeps the module's compiled top-level code (a 2 MB object literal: ~8 MB of bytecode and constants, never flushed
 * for a module) and every n-gram's key string alive for the life of the process; evaluating it as a script leaves
 * its code in V8's compilation cache. eld scores each language on its own entries and filters the result to the
 * subset, so dropping the other languages changes no detection.
 */
export function readNgrams(keep: readonly string[]): NgramTable {
  const source = readFileSync(eldFile('../ngrams/medium.js'), 'utf8');
  const literal = /export const ngramsData\s*=\s*([\s\S]*?);?\s*$/.exec(source)?.[1];
  if (!literal) throw new Error("eld's n-gram file has an unknown layout");
  const table = JSON.parse(literalToJson(literal)) as NgramTable;
  const ids = new Set(
    Object.entries(table.languages)
      .filter(([, code]) => keep.includes(code))
      .map(([id]) => id),
  );
  const grams = table.ngrams;
  for (const gram in grams) {
    let kept: Record<string, number> | undefined;
    for (const id in grams[gram]) if (ids.has(id)) (kept ??= {})[id] = grams[gram][id];
    if (kept) grams[gram] = kept;
    else delete grams[gram];
  }
  return table;
}

/**
 * An eld detector over `keep` with the pruned table; eld's own preloaded instance (the whole table: only more memory)
 * when its files are not where this version keeps them.
 */
export async function createDetector(keep: readonly string[]): Promise<typeof EldInstance> {
  let detector: typeof EldInstance;
  try {
    const { createEld } = (await import(eldFile('../languageDetector.js').href)) as { createEld: CreateEld };
    const { instance, loadData } = createEld();
    loadData(readNgrams(keep));
    detector = instance;
  } catch {
    detector = (await import('eld/medium')).eld;
  }
  detector.setLanguageSubset([...keep]);
  return detector;
}
