-- The audit log is append-only: updates and deletes of its rows are silently discarded.
-- Retention is an operator's decision (TRUNCATE or a partition drop by the database owner), never the application's.
CREATE RULE audit_log_no_update AS ON UPDATE TO audit_log DO INSTEAD NOTHING;
CREATE RULE audit_log_no_delete AS ON DELETE TO audit_log DO INSTEAD NOTHING;
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
CREATE INDEX api_tokens_created_idx ON api_tokens (created_at DESC);
