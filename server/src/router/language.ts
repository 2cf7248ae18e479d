import { franc } from 'franc-min';

// Only the languages the product ships phrases and strings for: short messages confuse a wider set (es → pt).
const ISO3_TO_1: Record<string, string> = { eng: 'en', spa: 'es', fra: 'fr', deu: 'de', arb: 'ar' };

// Frequent English words, function words and support vocabulary. Short, lower-case, unpunctuated English
// ("routing number for american river") fools franc; these words do not.
const ENGLISH = new Set(
  ('the a an i my me to how can you is do of for what want need help please it this and with on in are your why where when get ' +
    'was were be been have has had will would could should not no yes from at by or if so that there they their we our us ' +
    'account card order money pay paid payment bill refund number password login app much many last next new old time day ' +
    'check change send make cancel find know tell show give see still just now any some all more than about up out ' +
    'am did does done don dont cant can\'t won\'t isn\'t doesn\'t didn\'t i\'m it\'s what\'s').split(' '),
);

/** Detect the language of a message (ISO 639-1), or undefined when the text is too short to tell. @example detectLanguage('¿Dónde está mi pedido?') // 'es' */
export function detectLanguage(text: string): string | undefined {
  if (/[\u0600-\u06FF]/.test(text)) return 'ar';
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const english = words.filter((w) => ENGLISH.has(w)).length;
  if (english >= 2 || (words.length > 0 && english / words.length >= 0.25)) return 'en';
  if (words.length < 4) return undefined;
  const code = franc(text, { minLength: 12, only: Object.keys(ISO3_TO_1) });
  return code === 'und' ? undefined : ISO3_TO_1[code];
}
