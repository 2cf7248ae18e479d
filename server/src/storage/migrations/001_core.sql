-- Conversations and their messages: the core of the product.
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  visitor_id TEXT NOT NULL,
  user_id TEXT,
  user_name TEXT,
  user_email TEXT,
  state TEXT NOT NULL DEFAULT 'ai',
  last_seq INT NOT NULL DEFAULT 0,
  assignee_id TEXT,
  assignee_name TEXT,
  page TEXT,
  locale TEXT,
  contact_email TEXT,
  waiting_since TIMESTAMPTZ,
  escalation_reason TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  closed_at TIMESTAMPTZ
);
CREATE INDEX conversations_visitor_idx ON conversations (visitor_id, created_at DESC);
CREATE INDEX conversations_user_idx ON conversations (user_id, created_at DESC);
CREATE INDEX conversations_state_idx ON conversations (state, updated_at DESC);

CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq INT NOT NULL,
  client_id TEXT,
  role TEXT NOT NULL,
  text TEXT NOT NULL,
  agent TEXT,
  confidence REAL,
  routing JSONB,
  sources JSONB,
  author TEXT,
  author_id TEXT,
  meta JSONB,
  internal BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
);

-- Every state transition, for the customer-visible trail, the staff inbox and analytics.
CREATE TABLE conversation_events (
  id BIGSERIAL PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  actor TEXT,
  data JSONB,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX conversation_events_conv_idx ON conversation_events (conversation_id, id);

CREATE TABLE feedback (
  message_id TEXT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  helpful BOOLEAN NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
