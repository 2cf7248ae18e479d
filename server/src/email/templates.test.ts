import { describe, expect, it } from 'vitest';
import { mailLocale, replyMail, transcriptMail, unsubscribedPage } from './templates.js';

describe('e-mail templates', () => {
  it('picks the language from the conversation locale, English otherwise', () => {
    expect(['de-AT', 'es', 'FR-ca', 'ar-EG', 'ja', undefined].map(mailLocale)).toEqual([
      'de',
      'es',
      'fr',
      'ar',
      'en',
      'en',
    ]);
  });

  it('renders every language with its own words, links, right-to-left Arabic, and escaped HTML', () => {
    const subjects = new Set<string>();
    for (const locale of ['en', 'es', 'fr', 'de', 'ar'] as const) {
      const reply = replyMail(locale, {
        author: 'Ann <b>',
        text: 'x < y & "z"',
        chatUrl: 'https://shop.example/help?a=1&b=2',
        unsubscribeUrl: 'https://support.example/api/email/unsubscribe?t=abc',
      });
      subjects.add(reply.subject);
      expect(reply.text).toContain('x < y & "z"');
      expect(reply.text).toContain('https://shop.example/help?a=1&b=2');
      expect(reply.html).toContain('x &#60; y &#38; &#34;z&#34;');
      expect(reply.html).toContain('href="https://shop.example/help?a=1&#38;b=2"');
      expect(reply.html).not.toContain('<b>');
      expect(reply.html).toContain(`dir="${locale === 'ar' ? 'rtl' : 'ltr'}"`);
      const transcript = transcriptMail(locale, {
        lines: [{ role: 'customer', text: 'hi', at: '2026-11-29T06:00:00.000Z' }],
        unsubscribeUrl: 'https://u',
      });
      expect(transcript.text).toContain('[2026-11-29 06:00]');
      expect(unsubscribedPage(locale)).toContain(`lang="${locale}"`);
    }
    expect(subjects.size).toBe(5);
  });
});
