import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatController } from '../core/controller.js';
import { strings } from '../core/i18n/index.js';
import type { ChatState } from '../core/types.js';
import { Composer } from './Composer.js';
import { EmailPrompt } from './EmailPrompt.js';
import { HandoffNotice, Header } from './Header.js';
import { Launcher } from './Launcher.js';
import { MessageList } from './MessageList.js';
import { Rating } from './Rating.js';

/** The text the live region reads out: the newest reply (never the customer's own message). */
function announcement(state: ChatState): string {
  const last = state.messages[state.messages.length - 1];
  if (!last || last.role === 'customer') return '';
  return `${last.author ?? ''} ${last.text}`.trim().slice(0, 300);
}

/** The whole widget: launcher, and the chat panel as an accessible dialog. */
export function App({ chat }: { chat: ChatController }) {
  const [state, setState] = useState<ChatState>(chat.state);
  useLayoutEffect(() => {
    const off = chat.events.on('change', setState);
    // Calls made between the first render and this subscription (e.g. a replayed `open`) must not be missed.
    setState(chat.state);
    return off;
  }, [chat]);
  const { t, dir, lang } = strings(chat.options.locale);
  const title = chat.options.title || t.title;
  const panel = useRef<HTMLDivElement>(null);
  const launcher = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const wasOpen = useRef(false);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    // Focus moves into the dialog on open and back on close: to the launcher, or to whatever the page had focused.
    if (state.open && !wasOpen.current) {
      returnFocus.current = document.activeElement;
      panel.current?.querySelector('textarea')?.focus();
    }
    if (!state.open && wasOpen.current) {
      if (launcher.current) launcher.current.focus();
      else (returnFocus.current as HTMLElement | null)?.focus?.();
    }
    wasOpen.current = state.open;
  }, [state.open]);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView?.({ block: 'end' });
  }, [
    state.open,
    state.messages.length,
    state.pending.length,
    Object.values(state.streams).join('').length,
    state.typing.ai,
  ]);

  // title="": the host element's own `title` attribute (the panel title) must not become a tooltip over the whole widget.
  return (
    <div
      class={`root pos-${chat.options.position === 'left' ? 'left' : 'right'}${state.open ? ' is-open' : ''}`}
      dir={dir}
      lang={lang}
      title=""
      onKeyDown={(e) => e.key === 'Escape' && state.open && chat.setOpen(false)}
    >
      {state.open && (
        <div
          class="panel"
          role="dialog"
          aria-modal="false"
          aria-labelledby="sb-title"
          ref={panel}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            for (const f of Array.from(e.dataTransfer?.files ?? [])) chat.attach(f);
          }}
        >
          <Header t={t} title={title} state={state} onClose={() => chat.setOpen(false)} />
          <HandoffNotice t={t} state={state} />
          <MessageList t={t} title={title} state={state} chat={chat} listRef={list} />
          {state.conversation === 'waiting_human' && state.humansAvailable === false && (
            <EmailPrompt t={t} onSave={(email) => void chat.contact(email)} />
          )}
          {state.csatRequested && <Rating t={t} onRate={(n, comment) => void chat.rate(n, comment)} />}
          <Composer
            t={t}
            onSend={(text) => chat.send(text)}
            onTyping={(typing) => chat.typing(typing)}
            onAttach={(f) => chat.attach(f)}
          />
        </div>
      )}
      {chat.options.launcher !== false && (
        <Launcher
          t={t}
          open={state.open}
          unread={state.unread}
          buttonRef={launcher}
          onToggle={() => chat.setOpen(!state.open)}
        />
      )}
      <div class="sr-only" aria-live="polite" role="log">
        {state.open ? announcement(state) : ''}
      </div>
    </div>
  );
}
