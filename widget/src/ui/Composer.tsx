import { useRef, useState } from 'preact/hooks';
import type { Strings } from '../core/i18n/index.js';
import { ClipIcon, SendIcon } from './icons.js';

/** The message box: Enter sends, Shift+Enter adds a line; typing is reported while the customer writes; files come from the clip button or a paste. */
export function Composer({
  t,
  onSend,
  onTyping,
  onAttach,
}: {
  t: Strings;
  onSend(text: string): void;
  onTyping(typing: boolean): void;
  onAttach?(file: File): void;
}) {
  const picker = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const idle = useRef<ReturnType<typeof setTimeout>>();
  const typing = useRef(false);
  const report = (now: boolean) => {
    if (typing.current !== now) onTyping((typing.current = now));
  };
  const submit = (e?: Event) => {
    e?.preventDefault();
    if (!text.trim()) return;
    onSend(text);
    setText('');
    clearTimeout(idle.current);
    report(false);
  };
  return (
    <form class="composer" onSubmit={submit}>
      {onAttach && (
        <>
          <input
            type="file"
            ref={picker}
            hidden
            multiple
            accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain"
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              for (const f of Array.from(input.files ?? [])) onAttach(f);
              input.value = '';
            }}
          />
          <button
            type="button"
            class="attach"
            aria-label={t.attach}
            title={t.attach}
            onClick={() => picker.current?.click()}
          >
            <ClipIcon />
          </button>
        </>
      )}
      <textarea
        rows={1}
        value={text}
        aria-label={t.placeholder}
        placeholder={t.placeholder}
        maxLength={4000}
        enterkeyhint="send"
        onInput={(e) => {
          setText((e.target as HTMLTextAreaElement).value);
          report(true);
          clearTimeout(idle.current);
          idle.current = setTimeout(() => report(false), 2000);
        }}
        onPaste={(e) => {
          const files = Array.from(e.clipboardData?.files ?? []);
          if (!files.length || !onAttach) return;
          e.preventDefault();
          files.forEach(onAttach);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
        }}
      />
      <button type="submit" class="send" aria-label={t.send} disabled={!text.trim()}>
        <SendIcon />
      </button>
    </form>
  );
}
