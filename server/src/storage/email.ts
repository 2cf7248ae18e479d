import type { Queryable } from './db.js';

/** SQL for `email_unsubscribes`: the addresses that get no more e-mails (stored and compared lower-case). */
export class UnsubscribeStore {
  constructor(private readonly db: Queryable) {}

  /** Add an address; adding it again changes nothing. */
  async add(email: string): Promise<void> {
    await this.db.query('INSERT INTO email_unsubscribes (email) VALUES ($1) ON CONFLICT (email) DO NOTHING', [
      email.toLowerCase(),
    ]);
  }

  /** Whether the address unsubscribed, in any letter case. */
  async has(email: string): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM email_unsubscribes WHERE email = $1', [email.toLowerCase()])).length > 0;
  }
}
