import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../util/errors.js';

/** The file types accepted by default: raster images, PDF and plain text (never SVG or HTML, which can carry script). */
export const DEFAULT_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
] as const;

/** Raster images that browsers decode without running anything: the only types ever served inline. */
const INLINE_SAFE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const EXTENSION: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/** What an upload turned out to be after sniffing its bytes. */
export interface Inspected {
  /** The content type read from the magic bytes (the client's claim is ignored). */
  type: string;
  /** The sanitised file name, with an extension matching `type`. */
  name: string;
  size: number;
  /** Served inline (safe raster image) or as a download. */
  inline: boolean;
}

/** Limits on uploads; both configurable (`attachmentMaxBytes`, `attachmentTypes`). */
export interface AttachmentPolicy {
  maxBytes: number;
  types: readonly string[];
}

// Controls, bidi overrides and characters that are unsafe in a file name on some system or in a header.

const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"/\\|?*;%]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A file name safe to store and to send in `Content-Disposition`: no path, controls, bidi tricks or leading dots; ≤ 120 characters; the extension fits the sniffed type. */
export function sanitizeFilename(raw: string | undefined, type: string): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base
    .replace(UNSAFE_CHARS, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s_]+/, '');
  const ext = EXTENSION[type] ?? 'bin';
  const dot = name.lastIndexOf('.');
  let stem = dot > 0 ? name.slice(0, dot) : name;
  const given = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (WINDOWS_RESERVED.test(stem)) stem = `_${stem}`;
  // Keep the owner's extension only when it names the same type (jpeg/jpg, text/txt…); otherwise the sniffed one wins.
  const sameType =
    given === ext ||
    (ext === 'jpg' && given === 'jpeg') ||
    (ext === 'txt' && ['text', 'log', 'md', 'csv'].includes(given));
  stem = [...stem].slice(0, 100).join('').trim() || 'file';
  name = `${stem}.${sameType ? given : ext}`;
  return name;
}

/** True when the bytes are UTF-8 text without NULs or other binary controls (plain text has no magic bytes). */
function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      sample.length < bytes.length ? sample.subarray(0, sample.length - 4) : sample,
    );

    return (
      !/[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/.test(text) && !/^\s*<(?:!doctype|html|svg|\?xml|script)/i.test(text)
    );
  } catch {
    return false;
  }
}

/** Sniff and check an upload against the policy; throws `attachment_too_large` or `attachment_type`. */
export async function inspectUpload(
  bytes: Uint8Array,
  claimedName: string | undefined,
  policy: AttachmentPolicy,
): Promise<Inspected> {
  if (bytes.length > policy.maxBytes)
    throw new AppError('attachment_too_large', `The file is larger than ${policy.maxBytes} bytes.`);
  if (bytes.length === 0) throw new AppError('attachment_type', 'The file is empty.');
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime ?? (looksLikeText(bytes) ? 'text/plain' : undefined);
  if (!sniffed || !policy.types.includes(sniffed)) {
    throw new AppError(
      'attachment_type',
      `This kind of file is not accepted (${sniffed ?? 'unknown'}); allowed: ${policy.types.join(', ')}.`,
    );
  }
  return {
    type: sniffed,
    name: sanitizeFilename(claimedName, sniffed),
    size: bytes.length,
    inline: INLINE_SAFE.has(sniffed),
  };
}

/** The headers every download carries: the sniffed type, nosniff, a sandboxing CSP, and a download disposition unless the image is safe to show. */
export function downloadHeaders(a: { type: string; name: string; size: number }): Record<string, string> {
  const inline = INLINE_SAFE.has(a.type);
  const ascii = a.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return {
    'content-type': a.type === 'text/plain' ? 'text/plain; charset=utf-8' : a.type,
    'content-length': String(a.size),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.name)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    // Not cached anywhere, so an erased file is gone for everyone.
    'cache-control': 'private, no-store',
  };
}
