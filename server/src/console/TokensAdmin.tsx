import { useState } from 'preact/hooks';
import { adminApi } from './admin-api.js';
import { fields, useAdminData } from './use-admin.js';

const date = (iso?: string | null) => (iso ? new Date(iso).toLocaleDateString() : '—');

/** API tokens: create one (its secret is shown once), list and revoke. */
export function TokensAdmin() {
  const { data: tokens, error, notice, act } = useAdminData(adminApi.tokens);
  const [secret, setSecret] = useState<string>();
  const create = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = fields(e);
    const made = await act(
      () => adminApi.createToken({ name: f.name, role: f.role, ...(f.expiresIn ? { expiresIn: f.expiresIn } : {}) }),
      `Token ${f.name} created.`,
    );
    if (made) {
      setSecret(made.token);
      form.reset();
    }
  };
  return (
    <section class="admin-section" aria-labelledby="tokens-h">
      <h2 id="tokens-h">API tokens</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {secret && (
        <div class="secret">
          <p>Copy this token now: it is not shown again.</p>
          <output aria-label="New token">{secret}</output>
          <button type="button" onClick={() => setSecret(undefined)}>
            Done
          </button>
        </div>
      )}
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Created</th>
            <th>Expires</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(tokens ?? []).map((t) => (
            <tr key={t.id} data-token={t.name}>
              <td>{t.name}</td>
              <td>{t.role}</td>
              <td>{date(t.createdAt)}</td>
              <td>{date(t.expiresAt)}</td>
              <td>{t.revokedAt ? 'revoked' : 'active'}</td>
              <td>
                {!t.revokedAt && (
                  <button
                    type="button"
                    onClick={() => void act(() => adminApi.revokeToken(t.id), `Token ${t.name} revoked.`)}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="admin-form" onSubmit={create} aria-label="Create an API token">
        <label>
          Token name
          <input name="name" required maxLength={200} />
        </label>
        <label>
          Role
          <select name="role">
            <option value="agent">agent</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <label>
          Expires in
          <input name="expiresIn" placeholder="90d (empty: never)" pattern="\d{1,5}\s*[smhdwy]" />
        </label>
        <button type="submit">Create token</button>
      </form>
    </section>
  );
}
