import { useEffect, useRef } from 'preact/hooks';
import type { Strings } from '../core/i18n/index.js';
import { ThumbDownIcon, ThumbUpIcon } from './icons.js';

/** "Was this helpful?" with thumbs up/down; after a choice only a thank-you remains. */
export function Feedback({ t, value, onChoose }: { t: Strings; value?: boolean; onChoose(helpful: boolean): void }) {
  const chose = useRef(false);
  const thanks = useRef<HTMLSpanElement>(null);
  // The pressed button disappears: keep keyboard focus in the dialog (on the thank-you) instead of losing it to the page.
  useEffect(() => {
    if (value !== undefined && chose.current) thanks.current?.focus();
  }, [value]);
  if (value !== undefined)
    return (
      <span class="fb" role="status" tabIndex={-1} ref={thanks}>
        {t.thanks}
      </span>
    );
  const choose = (helpful: boolean) => {
    chose.current = true;
    onChoose(helpful);
  };
  return (
    <span class="fb" role="group" aria-label={t.helpful}>
      <span aria-hidden="true">{t.helpful}</span>
      <button type="button" class="thumb" aria-label={`${t.helpful} ${t.yes}`} onClick={() => choose(true)}>
        <ThumbUpIcon />
      </button>
      <button type="button" class="thumb" aria-label={`${t.helpful} ${t.no}`} onClick={() => choose(false)}>
        <ThumbDownIcon />
      </button>
    </span>
  );
}
