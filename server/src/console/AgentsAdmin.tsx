import { adminApi } from './admin-api.js';
import { useAdminData } from './use-admin.js';

/** The agents, their topics and the routing and answering thresholds in force (set in the router configuration file). */
export function AgentsAdmin() {
  const { data, error } = useAdminData(adminApi.agents);
  return (
    <section class="admin-section" aria-labelledby="agents-h">
      <h2 id="agents-h">Agents and thresholds</h2>
      <p class="muted">
        Read from the router configuration the server started with (<code>--config</code>); change it there and restart.
        Routing corrections made in the inbox retrain the router live.
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <table>
            <thead>
              <tr>
                <th>Agent</th>
                <th>Description</th>
                <th>Collections</th>
                <th>Hand over below</th>
                <th>Topics (examples)</th>
              </tr>
            </thead>
            <tbody>
              {data.agents.map((a) => (
                <tr key={a.name} data-agent={a.name}>
                  <td>
                    <strong>{a.name}</strong>
                  </td>
                  <td>{a.description}</td>
                  <td>{a.collections.join(', ') || 'all'}</td>
                  <td>{a.threshold}</td>
                  <td>{a.topics.map((t) => `${t.name} (${t.examples})`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="settings">
            {(['escalation', 'answering'] as const).map((group) => (
              <dl key={group} aria-label={group}>
                <h3>{group}</h3>
                {Object.entries(data[group]).map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
              </dl>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
