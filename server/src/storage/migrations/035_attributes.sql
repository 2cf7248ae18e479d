-- Custom attributes of the customer: signed ones from the host's identity token (replaced on each identify) and
-- unsigned ones set by the page (merged). Kept apart so staff can always tell which the website vouched for.
ALTER TABLE conversations ADD COLUMN signed_attributes JSONB;
ALTER TABLE conversations ADD COLUMN visitor_attributes JSONB;
