-- Auto-assignment: each team's previous pick, so round-robin goes on from it on every node.
CREATE TABLE assignment_cursors (
  team TEXT PRIMARY KEY,
  last_staff_id TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- The queue: conversations waiting for a person, oldest first.
CREATE INDEX conversations_waiting_idx ON conversations (waiting_since) WHERE state = 'waiting_human';
