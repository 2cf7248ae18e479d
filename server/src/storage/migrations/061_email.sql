-- Addresses that followed an e-mail's unsubscribe link: they get no more reply or transcript e-mails.
CREATE TABLE email_unsubscribes (
  email TEXT PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
