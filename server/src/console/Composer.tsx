import { useEffect, useRef, useState } from 'preact/hooks';
import type { CannedReply } from 'switchboard-chat/protocol';
import { cannedReplies } from './api.js';
import { AttachButton } from './AttachmentView.js';
import type { Connection } from './connection.js';

const TYPING_IDLE_MS = 2500;

/** Reply or internal note, with canned replies and typing indicators. */
export function Composer({
  conversationId,
  canReply,
  conn,
  onError,
}: {
  conversationId: string;
  canReply: boolean;
  conn: Connection;
  onError: (m: string) => void;
}) {
  const [text, setText] = useState('');
  const [note, setNote] = useState(!canReply);
  const [canned, setCanned] = useState<CannedReply[]>([]);
  const typing = useRef<{ on: boolean; timer?: ReturnType<typeof setTimeout> }>({ on: false });
  useEffect(() => setNote(!canReply), [canReply]);
  useEffect(() => {
    cannedReplies().then(setCanned, () => setCanned([]));
  }, []);

  const setTyping = (on: boolean) => {
    clearTimeout(typing.current.timer);
    if (on) typing.current.timer = setTimeout(() => setTyping(false), TYPING_IDLE_MS);
    if (typing.current.on === on) return;
    typing.current.on = on;
    conn.socket.emit('typing', { conversationId, typing: on });
  };
  useEffect(() => () => setTyping(false), [conversationId]);

  const send = async () => {
    const body = text.trim();
    if (!body) return;
    setTyping(false);
    try {
      await conn.request('message:send', { conversationId, clientId: crypto.randomUUID(), text: body, internal: note });
      setText('');
    } catch (err) {
      onError((err as Error).message);
    }
  };

  return (
    <form
      class={`composer${note ? ' note' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div class="composer-tools">
        <label>
          <input type="radio" name="mode" checked={!note} disabled={!canReply} onChange={() => setNote(false)} /> Reply
        </label>
        <label>
          <input type="radio" name="mode" checked={note} onChange={() => setNote(true)} /> Internal note
        </label>
        {canned.length > 0 && (
          <select
            aria-label="Canned reply"
            value=""
            onChange={(e) => {
              const reply = canned.find((r) => r.id === (e.currentTarget as HTMLSelectElement).value);
              if (reply) setText((t) => (t ? `${t} ${reply.text}` : reply.text));
            }}
          >
            <option value="">Canned replies…</option>
            {canned.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        )}
        <AttachButton conversationId={conversationId} disabled={!canReply} onError={onError} />
        {!canReply && <span class="muted">Take the conversation to reply to the customer.</span>}
      </div>
      <textarea
        aria-label={note ? 'Internal note' : 'Reply'}
        rows={3}
        value={text}
        placeholder={note ? 'Only staff see notes' : 'Write a reply…'}
        onInput={(e) => {
          const v = (e.currentTarget as HTMLTextAreaElement).value;
          setText(v);
          if (!note) setTyping(v.length > 0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <button type="submit" class="primary" disabled={!text.trim()}>
        {note ? 'Add note' : 'Send'}
      </button>
    </form>
  );
}
