/** The launcher's label in every locale; on its own so the tiny loader can use it without the other strings. */
export const OPEN_CHAT: Record<string, string> = {
  en: 'Open chat',
  es: 'Abrir chat',
  fr: 'Ouvrir le chat',
  de: 'Chat öffnen',
  ar: 'فتح المحادثة',
};
