import type { Ref } from 'preact';
import type { ChatController } from '../core/controller.js';
import type { Strings } from '../core/i18n/index.js';
import type { ChatState } from '../core/types.js';
import { MessageItem } from './MessageItem.js';

interface Props {
  t: Strings;
  title: string;
  state: ChatState;
  chat: ChatController;
  listRef: Ref<HTMLOListElement>;
}

/** Stored messages, then the outbox (pending or failed with a retry), streamed answers and the typing line. */
export function MessageList({ t, title, state, chat, listRef }: Props) {
  const { messages, pending, streams, typing } = state;
  return (
    <ol class="messages" ref={listRef} aria-label={title} tabIndex={0}>
      {messages.length === 0 && pending.length === 0 && <li class="msg system">{t.empty}</li>}
      {messages.map((m, i) => (
        <MessageItem
          key={m.id}
          message={m}
          t={t}
          feedback={state.feedback[m.id]}
          onFeedback={(id, helpful) => void chat.feedback(id, helpful)}
          // Quick replies answer the latest question only; once the customer has written, older ones go.
          onSuggest={i === messages.length - 1 && pending.length === 0 ? (text) => chat.send(text) : undefined}
          load={(id) => chat.attachment(id)}
        />
      ))}
      {pending.map((p) => (
        <li key={p.clientId} class={`msg customer pending ${p.status}`}>
          <div dir="auto">{p.text}</div>
          <div class="meta">
            {p.status === 'failed' ? (
              <button type="button" class="retry" onClick={() => chat.retry(p.clientId)}>
                {t.failed}
              </button>
            ) : (
              <span>
                {t.pending}
                {p.file && p.progress !== undefined ? ` ${Math.round(p.progress * 100)}%` : ''}
              </span>
            )}
          </div>
        </li>
      ))}
      {Object.entries(streams).map(([id, text]) => (
        <li key={id} class="msg ai streaming" dir="auto" aria-busy="true">
          {text}
        </li>
      ))}
      {((typing.ai && Object.keys(streams).length === 0) || typing.human !== undefined) && (
        <li class="msg typing" aria-hidden="true">
          <span class="dots" />
          {typing.human !== undefined ? `${typing.human || state.assignee?.name || ''} ${t.typing}`.trim() : t.aiTyping}
        </li>
      )}
    </ol>
  );
}
