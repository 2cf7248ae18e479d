import { useState } from 'preact/hooks';
import type { Strings } from '../core/i18n/index.js';

/** The 1–5 satisfaction rating with an optional comment, shown when the server asks (conversation closed). */
export function Rating({ t, onRate }: { t: Strings; onRate(rating: number, comment: string): void }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <form
      class="rating"
      aria-label={t.rate}
      onSubmit={(e) => {
        e.preventDefault();
        if (rating) onRate(rating, comment);
      }}
    >
      <fieldset>
        <legend>{t.rate}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            type="button"
            key={n}
            class={n <= rating ? 'star on' : 'star'}
            aria-pressed={n === rating}
            aria-label={`${n} ${t.outOf5}`}
            onClick={() => setRating(n)}
          >
            {'★'}
          </button>
        ))}
      </fieldset>
      {rating > 0 && (
        <>
          <textarea
            rows={2}
            maxLength={1000}
            aria-label={t.comment}
            placeholder={t.comment}
            value={comment}
            onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)}
          />
          <button type="submit" class="primary">
            {t.rateSend}
          </button>
        </>
      )}
    </form>
  );
}
