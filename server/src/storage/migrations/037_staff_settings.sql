-- Per-person console settings (notifications), kept on the server so they follow the person to any browser.
CREATE TABLE staff_settings (
  staff_id TEXT PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
  notifications JSONB NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
