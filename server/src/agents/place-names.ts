// Country and territory names are what a roaming, shipping or travel question turns on, and they differ by language
// ("Marruecos", "Maroc", "Marokko" for Morocco). The runtime's ICU data (Intl.DisplayNames) names every region in
// every shipped language, so no table has to be written or kept up to date.

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-‐–.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Every two-letter region code ICU can name in English (AA … ZZ; about 280 countries, territories and groupings).
let codes: string[] | undefined;
function regionCodes(): string[] {
  if (codes) return codes;
  const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  codes = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (english.of(code)) codes.push(code);
    }
  return codes;
}

const tables = new Map<string, Array<{ re: RegExp; english: string }>>();

function table(language: string): Array<{ re: RegExp; english: string }> {
  let entries = tables.get(language);
  if (entries) return entries;
  entries = [];
  try {
    const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    // Help centres write "UK", "US" and "Hong Kong" more often than ICU's long names: both are searched.
    const short = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none', style: 'short' });
    const styles = (['long', 'short'] as const).map(
      (style) => new Intl.DisplayNames([language], { type: 'region', fallback: 'none', style }),
    );
    for (const code of regionCodes()) {
      const name = english.of(code);
      if (!name) continue;
      const brief = short.of(code);
      const names = brief && brief !== name ? [name, brief] : [name];
      for (const own of new Set(
        styles
          .map((s) => s.of(code))
          .filter((x): x is string => !!x)
          .map(fold),
      ))
        if (own.length > 2) {
          const re = new RegExp(`(?<![\\p{L}])${escape(own)}(?![\\p{L}])`, 'u');
          for (const n of names) entries.push({ re, english: n });
        }
    }
  } catch {
    // An unknown language tag: no names to bridge.
  }
  tables.set(language, entries);
  return entries;
}

/**
 * The English names of the countries and territories a message in another language names, in its own language.
 * @example englishPlaceNames('combien coûte un appel vers le Maroc', 'fr') // ['Morocco']
 */
export function englishPlaceNames(text: string, language: string | undefined): string[] {
  if (!language || language === 'en') return [];
  const folded = fold(text.slice(0, 2000));
  return [
    ...new Set(
      table(language)
        .filter((e) => e.re.test(folded))
        .map((e) => e.english),
    ),
  ];
}
