import { useRef, useState } from 'preact/hooks';
import type { Strings } from '../core/i18n/index.js';
import { SendIcon } from './icons.js';

/** The message box: Enter sends, Shift+Enter adds a line; typing is reported while the customer writes. */
export function Composer({ t, onSend, onTyping }: { t: Strings; onSend(text: string): void; onTyping(typing: boolean): void }) {
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
