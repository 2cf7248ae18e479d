import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';

/** Every interface string; each locale file must define all of them. */
export type Strings = { [K in keyof typeof en]: string };

const STRINGS: Record<string, Strings> = { en, es, fr, de, ar };
/** Right-to-left locales. */
const RTL = new Set(['ar']);
export const LOCALES = Object.keys(STRINGS);

/** Resolve `auto` or a tag like `es-MX` to a supported locale. @example resolveLocale('fr-CA') // 'fr' */
export function resolveLocale(locale = 'auto'): string {
  const tag = (locale === 'auto' && typeof navigator !== 'undefined' ? navigator.language || 'en' : locale)
    .toLowerCase()
    .split('-')[0];
  return LOCALES.includes(tag) ? tag : 'en';
}

/** The strings and text direction of a locale. */
export function strings(locale?: string): { t: Strings; dir: 'ltr' | 'rtl'; lang: string } {
  const lang = resolveLocale(locale);
  return { t: STRINGS[lang], dir: RTL.has(lang) ? 'rtl' : 'ltr', lang };
}
