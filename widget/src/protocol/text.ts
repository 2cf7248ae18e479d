// C0/C1 controls except tab and newline, plus bidi overrides and zero-width marks that can hide text.
const CONTROL_CHARS =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Normalise user text before it is stored or compared: NFC, no control characters, unified newlines, trimmed. @example normalizeText(' hi\u0000 ') // 'hi' */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').trim();
}
