import { useState } from 'preact/hooks';
import type { Strings } from '../core/i18n/index.js';

/** Ask for an e-mail address when nobody can answer now (offline ticket). */
export function EmailPrompt({ t, onSave }: { t: Strings; onSave(email: string): void }) {
  const [email, setEmail] = useState('');
  const [saved, setSaved] = useState(false);
  if (saved)
    return (
      <div class="notice" role="status">
        {t.thanks}
      </div>
    );
  return (
    <form
      class="email"
      onSubmit={(e) => {
        e.preventDefault();
        if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
          onSave(email.trim());
          setSaved(true);
        }
      }}
    >
      <label for="sb-email">{t.emailPrompt}</label>
      <div class="row">
        <input
          id="sb-email"
          type="email"
          autocomplete="email"
          required
          value={email}
          onInput={(e) => setEmail((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary">
          {t.emailSave}
        </button>
      </div>
    </form>
  );
}
