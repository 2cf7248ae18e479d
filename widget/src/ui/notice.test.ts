import { describe, expect, it } from 'vitest';
import { strings } from '../core/i18n/index.js';
import type { Message } from '../protocol/messages.js';
import { NOTICE_CODES } from '../protocol/notices.js';
import { systemText } from './notice.js';

const system = (meta?: Record<string, unknown>, text = 'Maria joined'): Message => ({
  id: 'm1',
  seq: 1,
  conversationId: 'c1',
  role: 'system',
  text,
  meta,
  createdAt: '',
});

describe('systemText', () => {
  it('shows a known notice in the customer language with its values filled in', () => {
    const joined = system({ notice: { code: 'handoff.joined', params: { name: 'Maria' } } });
    expect(systemText(joined, strings('en').t)).toBe('Maria joined');
    expect(systemText(joined, strings('fr').t)).toBe('Maria a rejoint la conversation');
    expect(systemText(joined, strings('ar').t)).toBe('انضم Maria');
    const contact = system({ notice: { code: 'contact.saved', params: { email: 'a@b.co' } } });
    expect(systemText(contact, strings('de').t)).toContain('a@b.co');
  });

  it('falls back to the server text for unknown or missing codes', () => {
    expect(systemText(system(), strings('es').t)).toBe('Maria joined');
    expect(systemText(system({ notice: { code: 'from.the.future' } }, 'Future text'), strings('es').t)).toBe(
      'Future text',
    );
  });

  it('has a text for every code in every locale, and placeholders survive translation', () => {
    for (const lang of ['en', 'es', 'fr', 'de', 'ar']) {
      const { t } = strings(lang);
      for (const code of NOTICE_CODES) {
        const out = systemText(
          system({ notice: { code, params: { name: 'NAME', email: 'EMAIL', hours: 'HOURS' } } }),
          t,
        );
        expect(out, `${lang} ${code}`).not.toMatch(/[{}]/);
        if (['handoff.joined', 'handoff.left', 'handoff.closed'].includes(code))
          expect(out, `${lang} ${code}`).toContain('NAME');
        if (code === 'contact.saved') expect(out).toContain('EMAIL');
        if (code === 'team.away') expect(out).toContain('HOURS');
      }
    }
  });
});
