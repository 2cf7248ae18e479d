-- Human handoff: offline tickets, handoff summaries, canned replies, routing corrections and CSAT ratings.
ALTER TABLE conversations ADD COLUMN offline_at TIMESTAMPTZ;
ALTER TABLE conversations ADD COLUMN handoff_summary TEXT;

CREATE TABLE canned_replies (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  created_by TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One correction per customer message; the latest label wins. Exported as { text, agent } for train-router.
CREATE TABLE routing_corrections (
  message_id TEXT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  original_agent TEXT,
  agent TEXT NOT NULL,
  staff_id TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX routing_corrections_created_idx ON routing_corrections (created_at);

-- One rating per closing of a conversation (a reopened and re-closed conversation can be rated again).
CREATE TABLE csat (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  closed_at TIMESTAMPTZ NOT NULL,
  staff_id TEXT,
  staff_name TEXT,
  rating INT NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, closed_at)
);
CREATE INDEX csat_staff_idx ON csat (staff_id, created_at);
