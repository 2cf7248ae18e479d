import { adminApi, type StaffUser } from './admin-api.js';
import { fields, useAdminData } from './use-admin.js';

/** Staff accounts: add a colleague, change a role, disable or enable, reset a password. */
export function StaffAdmin({ myId }: { myId?: string }) {
  const { data: users, error, notice, act } = useAdminData(adminApi.users);
  const add = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = fields(e);
    if (
      await act(
        () => adminApi.addUser({ email: f.email, name: f.name, role: f.role, password: f.password }),
        `Added ${f.email}.`,
      )
    )
      form.reset();
  };
  const reset = (u: StaffUser) => {
    const password = prompt(`New password for ${u.email} (at least 10 characters)`);
    if (password)
      void act(
        () => adminApi.resetPassword(u.id, password),
        `Password of ${u.email} reset; their sessions were ended.`,
      );
  };
  return (
    <section class="admin-section" aria-labelledby="staff-h">
      <h2 id="staff-h">Staff accounts</h2>
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
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>E-mail</th>
            <th>Role</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users ?? []).map((u) => (
            <tr key={u.id} data-email={u.email}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <select
                  aria-label={`Role of ${u.email}`}
                  value={u.role}
                  disabled={u.id === myId}
                  onChange={(e) =>
                    void act(
                      () => adminApi.updateUser(u.id, { role: (e.target as HTMLSelectElement).value }),
                      `${u.email} is now ${(e.target as HTMLSelectElement).value}.`,
                    )
                  }
                >
                  <option value="agent">agent</option>
                  <option value="admin">admin</option>
                </select>
              </td>
              <td>{u.disabled ? 'disabled' : 'active'}</td>
              <td class="actions">
                {u.id !== myId && (
                  <button
                    type="button"
                    onClick={() =>
                      void act(
                        () => adminApi.updateUser(u.id, { disabled: !u.disabled }),
                        `${u.email} ${u.disabled ? 'enabled' : 'disabled'}.`,
                      )
                    }
                  >
                    {u.disabled ? 'Enable' : 'Disable'}
                  </button>
                )}
                <button type="button" onClick={() => reset(u)}>
                  Reset password
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="admin-form" onSubmit={add} aria-label="Add a staff account">
        <label>
          Name
          <input name="name" required maxLength={200} />
        </label>
        <label>
          E-mail
          <input name="email" type="email" required />
        </label>
        <label>
          Role
          <select name="role">
            <option value="agent">agent</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <label>
          Initial password
          <input name="password" type="password" minLength={10} required autocomplete="new-password" />
        </label>
        <button type="submit">Add account</button>
      </form>
    </section>
  );
}
