import { attachmentOf } from '../core/attachments.js';
import type { Strings } from '../core/i18n/index.js';
import type { Message } from '../protocol/messages.js';
import { Attachment } from './Attachment.js';
import { Feedback } from './Feedback.js';
import { Markdown } from './markdown.js';
import { systemText } from './notice.js';
import { Suggestions } from './Suggestions.js';

interface Props {
  message: Message;
  t: Strings;
  feedback?: boolean;
  onFeedback(id: string, helpful: boolean): void;
  /** Send a quick reply; only the latest message offers its suggestions. */
  onSuggest?(text: string): void;
  /** Fetch an attachment's bytes (with the visitor's token). */
  load(id: string): Promise<Blob>;
}

/** One message: customer, AI (with agent, confidence, sources, feedback), human or system. */
export function MessageItem({ message: m, t, feedback, onFeedback, onSuggest, load }: Props) {
  if (m.role === 'system')
    return (
      <li class="msg system" dir="auto">
        {systemText(m, t)}
      </li>
    );
  const sources = m.role === 'ai' ? (m.sources ?? []) : [];
  return (
    <li class={`msg ${m.role}`}>
      {m.role === 'human' && m.author && <div class="author">{m.author}</div>}
      {attachmentOf(m) ? <Attachment a={attachmentOf(m)!} t={t} load={load} /> : <Markdown text={m.text} />}
      {sources.length > 0 && (
        <div class="sources">
          <span>{t.sources}:</span>
          {sources.map((s) =>
            s.url && /^https?:\/\//i.test(s.url) ? (
              <a key={s.id} href={s.url} target="_blank" rel="noopener noreferrer">
                {s.title}
              </a>
            ) : (
              <span key={s.id}>{s.title}</span>
            ),
          )}
        </div>
      )}
      {m.role === 'ai' && onSuggest && m.suggestions?.length ? (
        <Suggestions t={t} items={m.suggestions} onChoose={onSuggest} />
      ) : null}
      {m.role === 'ai' && (
        <div class="meta">
          {m.agent && (
            <span
              class="route"
              title={
                m.routing?.needsPerson
                  ? `${m.routing.reason} · ${m.routing.policy ?? 'needs a person'}`
                  : m.routing?.reason
              }
            >
              {m.agent}
              {m.confidence !== undefined ? ` · ${t.confidence} ${Math.round(m.confidence * 100)}%` : ''}
            </span>
          )}
          <Feedback t={t} value={feedback} onChoose={(helpful) => onFeedback(m.id, helpful)} />
        </div>
      )}
    </li>
  );
}
