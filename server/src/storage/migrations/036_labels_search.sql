-- Labels on conversations, set by staff or by rules (e.g. the routed agent); one row per label. A label staff removed
-- stays as a 'removed' row so that a rule does not put it back on the next message.
CREATE TABLE conversation_labels (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('staff', 'rule', 'removed')),
  created_by TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, label)
);
CREATE INDEX conversation_labels_label_idx ON conversation_labels (label, conversation_id);

-- Console search: full text over messages and the conversation's customer fields. The 'simple' configuration (no
-- stemming, no stop words) because customers write in several languages. Messages keep their tsvector in a stored
-- column: PostgreSQL can then walk messages newest-first and test each row cheaply, which beats the GIN index for
-- common words (a search needs only the newest ~200 hits). Conversations use an expression index; handoff/search.ts
-- repeats that exact expression so the index applies. The same SQL runs on PGlite.
ALTER TABLE messages ADD COLUMN search_tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;
CREATE INDEX messages_search_idx ON messages USING GIN (search_tsv);
CREATE INDEX conversations_search_idx ON conversations USING GIN (to_tsvector('simple',
  coalesce(user_name, '') || ' ' || coalesce(user_email, '') || ' ' || coalesce(contact_email, '') || ' ' || coalesce(user_id, '')));
CREATE INDEX conversations_created_idx ON conversations (created_at DESC);
CREATE INDEX conversations_assignee_idx ON conversations (assignee_id);
CREATE INDEX messages_agent_idx ON messages (agent, conversation_id) WHERE agent IS NOT NULL;
CREATE INDEX messages_created_idx ON messages (created_at DESC);
