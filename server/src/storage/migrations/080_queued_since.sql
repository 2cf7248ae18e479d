-- When the customer first asked for a person in this hand-over. Kept while a person holds the conversation, so one
-- that goes back to the queue (its assignee went offline) is placed by its original waiting time, not behind later ones.
ALTER TABLE conversations ADD COLUMN queued_since TIMESTAMPTZ;
UPDATE conversations SET queued_since = waiting_since WHERE state = 'waiting_human';
