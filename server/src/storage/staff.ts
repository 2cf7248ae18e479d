import { newId } from '../util/ids.js';
import type { Database } from './db.js';

/** Staff roles: admins do everything, agents handle conversations. */
export type StaffRole = 'agent' | 'admin';

/** A staff account without its password hash. */
export interface StaffRecord {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: string;
}

const toStaff = (r: Record<string, unknown>): StaffRecord => ({
  id: r.id as string,
  email: r.email as string,
  name: r.name as string,
  role: r.role as StaffRole,
  disabled: Boolean(r.disabled),
  createdAt: new Date(r.created_at as string).toISOString(),
});

/** SQL for staff accounts. */
export class StaffStore {
  constructor(private readonly db: Database) {}

  /** Create an account; the email is stored lower-case. */
  async create(input: { email: string; name: string; role: StaffRole; passwordHash: string }): Promise<StaffRecord> {
    const rows = await this.db.query(
      'INSERT INTO staff (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [newId('s'), input.email.trim().toLowerCase(), input.name, input.role, input.passwordHash],
    );
    return toStaff(rows[0]);
  }

  /** An account and its password hash, by email. */
  async byEmail(email: string): Promise<(StaffRecord & { passwordHash: string }) | undefined> {
    const rows = await this.db.query('SELECT * FROM staff WHERE email = $1', [email.trim().toLowerCase()]);
    return rows[0] ? { ...toStaff(rows[0]), passwordHash: rows[0].password_hash as string } : undefined;
  }

  /** An account by id. */
  async byId(id: string): Promise<StaffRecord | undefined> {
    const rows = await this.db.query('SELECT * FROM staff WHERE id = $1', [id]);
    return rows[0] ? toStaff(rows[0]) : undefined;
  }

  /** Every account, oldest first. */
  async list(): Promise<StaffRecord[]> {
    return (await this.db.query('SELECT * FROM staff ORDER BY created_at, email')).map(toStaff);
  }

  /** Change role, name, password or disabled flag. */
  async update(
    id: string,
    patch: { role?: StaffRole; name?: string; passwordHash?: string; disabled?: boolean },
  ): Promise<StaffRecord | undefined> {
    const rows = await this.db.query(
      `UPDATE staff SET role = COALESCE($2, role), name = COALESCE($3, name), password_hash = COALESCE($4, password_hash),
       disabled = COALESCE($5, disabled), updated_at = now() WHERE id = $1 RETURNING *`,
      [id, patch.role ?? null, patch.name ?? null, patch.passwordHash ?? null, patch.disabled ?? null],
    );
    return rows[0] ? toStaff(rows[0]) : undefined;
  }
}
