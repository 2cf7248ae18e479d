/** Language codes a folder name or `lang:` front matter may give (ISO 639-1). */
const CODE = /^[a-z]{2}(-[a-z]{2})?$/i;

/**
 * The `lang:xx` tag of a document: its front matter `lang:`, else a top folder named by a language code (`es/…`).
 * English help centres need neither: untagged documents count as the site's main language.
 * @example langTags(undefined, 'es/cancelar-membresia') // ['lang:es']
 */
export function langTags(frontMatter: unknown, id: string): string[] {
  const given = typeof frontMatter === 'string' && CODE.test(frontMatter.trim()) ? frontMatter.trim() : undefined;
  const folder = id.includes('/') ? id.split('/')[0] : undefined;
  const code =
    given ?? (folder && CODE.test(folder) && KNOWN.has(folder.toLowerCase().slice(0, 2)) ? folder : undefined);
  return code ? [`lang:${code.toLowerCase().slice(0, 2)}`] : [];
}

// Folder names are only read as languages when they are real language codes ("it" or "de" yes, "ui" no).
const KNOWN = new Set(
  'ar bg ca cs da de el en es et fi fr he hi hr hu id it ja ko lt lv nl no pl pt ro ru sk sl sr sv th tr uk vi zh'.split(
    ' ',
  ),
);
