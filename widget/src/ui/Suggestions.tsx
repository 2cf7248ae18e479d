import type { Strings } from '../core/i18n/index.js';

/** Quick replies under a clarifying question: real buttons (Tab, Enter, Space) that send the chosen title. */
export function Suggestions({ t, items, onChoose }: { t: Strings; items: string[]; onChoose(text: string): void }) {
  return (
    <div class="suggestions" role="group" aria-label={t.suggestions}>
      {items.map((s) => (
        <button key={s} type="button" class="suggestion" dir="auto" onClick={() => onChoose(s)}>
          {s}
        </button>
      ))}
    </div>
  );
}
