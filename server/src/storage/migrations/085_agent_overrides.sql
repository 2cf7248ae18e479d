-- Agent settings edited live by an admin (console, /api/admin/agents), layered over the agents file: only the fields
-- changed (threshold, description, enabled, examples added/removed per topic), so the file stays the owner's source.
CREATE TABLE agent_overrides (
  agent TEXT PRIMARY KEY,
  settings JSONB NOT NULL,
  updated_by TEXT,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
