-- Durable background work (issue 20): an AI answer owed to a customer message (kind 'reply', id = the message id,
-- recorded in the same statement as the message) and webhook deliveries (kind 'webhook', payload = the body).
-- A node owns a job while lease_until is in the future; a job whose lease ran out (its node crashed, or its attempt
-- failed) is claimed again by any node. Completing a job deletes its row.
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  conversation_id TEXT REFERENCES conversations (id) ON DELETE CASCADE,
  payload JSONB,
  attempts INT NOT NULL DEFAULT 1,
  lease_owner TEXT,
  lease_until TIMESTAMPTZ NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due_idx ON jobs (lease_until);
