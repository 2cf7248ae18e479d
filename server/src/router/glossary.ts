import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Per language: a customer's word or phrase (lower case, accents optional) → English search words. */
export const glossarySchema = z.record(z.string(), z.record(z.string(), z.string()));
export type Glossary = z.infer<typeof glossarySchema>;

/** The shipped support vocabulary for es, fr, de and ar (glossary.default.json); owners extend it in the agents file. */
export const DEFAULT_GLOSSARY: Glossary = glossarySchema.parse(
  JSON.parse(readFileSync(new URL('./glossary.default.json', import.meta.url), 'utf8')),
);

/** Merge the shipped glossary with an owner's entries (theirs win). */
export function mergeGlossary(base: Glossary, own: Glossary | undefined): Glossary {
  if (!own) return base;
  const out: Glossary = { ...base };
  for (const [lang, table] of Object.entries(own)) out[lang] = { ...base[lang], ...table };
  return out;
}
