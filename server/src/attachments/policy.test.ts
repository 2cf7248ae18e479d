import { describe, expect, it } from 'vitest';
import { AppError } from '../util/errors.js';
import { DEFAULT_ATTACHMENT_TYPES, downloadHeaders, inspectUpload, sanitizeFilename } from './policy.js';

import { PNG } from './fixtures.js';
const policy = { maxBytes: 1024, types: DEFAULT_ATTACHMENT_TYPES };
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: AppError) => e.code,
  );

describe('sanitizeFilename', () => {
  it('drops paths, controls, bidi overrides and leading dots; keeps a fitting extension', () => {
    expect(sanitizeFilename('../../etc/passwd', 'text/plain')).toBe('passwd.txt');
    expect(sanitizeFilename('C:\\Users\\me\\photo.JPEG', 'image/jpeg')).toBe('photo.jpeg');
    expect(sanitizeFilename('invoice\u202Efdp.exe', 'application/pdf')).toBe('invoice_fdp.pdf');
    expect(sanitizeFilename('.htaccess', 'text/plain')).toBe('htaccess.txt');
    expect(sanitizeFilename('a"b\r\nc;d.png', 'image/png')).toBe('a_b__c_d.png');
    expect(sanitizeFilename('CON.txt', 'text/plain')).toBe('_CON.txt');
    expect(sanitizeFilename(undefined, 'image/png')).toBe('file.png');
    expect(sanitizeFilename('résumé.pdf', 'application/pdf')).toBe('résumé.pdf');
    expect(sanitizeFilename(`${'x'.repeat(500)}.pdf`, 'application/pdf')).toHaveLength(104);
  });

  it('replaces an extension that names another type with the sniffed one', () => {
    expect(sanitizeFilename('page.html', 'text/plain')).toBe('page.txt');
    expect(sanitizeFilename('cat.png', 'image/jpeg')).toBe('cat.jpg');
  });
});

describe('inspectUpload', () => {
  it('reads the type from the bytes, not the name', async () => {
    expect(await inspectUpload(PNG, 'photo.pdf', policy)).toEqual({
      type: 'image/png',
      name: 'photo.png',
      size: PNG.length,
      inline: true,
    });
    expect(await inspectUpload(Buffer.from('order 123, héllo\n'), 'note', policy)).toMatchObject({
      type: 'text/plain',
      name: 'note.txt',
      inline: false,
    });
    expect(await inspectUpload(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'x.pdf', policy)).toMatchObject(
      { type: 'application/pdf', inline: false },
    );
  });

  it('refuses script carriers, binaries and unlisted types with attachment_type', async () => {
    expect(
      await codeOf(
        inspectUpload(
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          'a.png',
          policy,
        ),
      ),
    ).toBe('attachment_type');
    expect(await codeOf(inspectUpload(Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), 'a.txt', policy))).toBe(
      'attachment_type',
    );
    expect(
      await codeOf(
        inspectUpload(Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]), 'a.txt', policy),
      ),
    ).toBe('attachment_type');
    expect(await codeOf(inspectUpload(Buffer.alloc(0), 'a.txt', policy))).toBe('attachment_type');
    expect(await codeOf(inspectUpload(PNG, 'a.png', { ...policy, types: ['application/pdf'] }))).toBe(
      'attachment_type',
    );
  });

  it('refuses files over the limit with attachment_too_large', async () => {
    expect(await codeOf(inspectUpload(Buffer.alloc(1025, 65), 'a.txt', policy))).toBe('attachment_too_large');
  });
});

describe('downloadHeaders', () => {
  it('never lets a file run: nosniff, a sandboxing CSP, and a download unless it is a raster image', () => {
    const pdf = downloadHeaders({ type: 'application/pdf', name: 'résumé "1".pdf', size: 10 });
    expect(pdf).toMatchObject({
      'content-disposition': `attachment; filename="r_sum_ _1_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.pdf`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    expect(downloadHeaders({ type: 'image/png', name: 'a.png', size: 1 })['content-disposition']).toMatch(/^inline;/);
    expect(downloadHeaders({ type: 'text/plain', name: 'a.txt', size: 1 })).toMatchObject({
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': expect.stringMatching(/^attachment;/),
    });
  });
});
