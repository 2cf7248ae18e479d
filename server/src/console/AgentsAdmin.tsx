import { useEffect, useState } from 'preact/hooks';
import { adminApi, type TrainingStatus } from './admin-api.js';
import { AgentEditor } from './AgentEditor.js';
import { useAdminData } from './use-admin.js';

/** The router's training state on this server: "retraining…" while an edit or a correction is being learnt. */
function Training({ status }: { status: TrainingStatus }) {
  const at = new Date(status.trainedAt).toLocaleTimeString();
  return (
    <p class={status.error ? 'error' : 'muted'} role="status" aria-label="Router training" data-training={status.state}>
      {status.state === 'training'
        ? 'Retraining the router… (the previous model routes meanwhile)'
        : `Router trained at ${at}.`}
      {status.error && ` The last retraining failed: ${status.error}`}
    </p>
  );
}

/** The agents, their topics and thresholds; an admin edits an agent live (the router retrains in the background). */
export function AgentsAdmin() {
  const { data, error, reload } = useAdminData(adminApi.agents);
  const [editing, setEditing] = useState<string>();
  // While the router retrains, look again every second so "trained at" appears when the new model routes.
  useEffect(() => {
    if (data?.training.state !== 'training') return;
    const timer = setTimeout(() => void reload(), 1000);
    return () => clearTimeout(timer);
  }, [data, reload]);
  return (
    <section class="admin-section" aria-labelledby="agents-h">
      <h2 id="agents-h">Agents and thresholds</h2>
      <p class="muted">
        The agents file the server started with (<code>--config</code>), with the edits made here stored over it: they
        apply without a restart, on every server, and survive restarts. Routing corrections made in the inbox retrain
        the router too.
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <Training status={data.training} />
          <table>
            <thead>
              <tr>
                <th>Agent</th>
                <th>Description</th>
                <th>Collections</th>
                <th>Hand over below</th>
                <th>Topics (examples)</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.agents.map((a) => (
                <tr key={a.name} data-agent={a.name} class={a.enabled ? '' : 'muted'}>
                  <td>
                    <strong>{a.name}</strong>
                    {!a.enabled && ' (disabled)'}
                  </td>
                  <td>{a.description}</td>
                  <td>{a.collections.join(', ') || 'all'}</td>
                  <td>{a.threshold}</td>
                  <td>{a.topics.map((t) => `${t.name} (${t.examples})`).join(', ')}</td>
                  <td class="actions">
                    <button type="button" aria-label={`Edit ${a.name}`} onClick={() => setEditing(a.name)}>
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {editing && (
            <AgentEditor
              key={editing}
              name={editing}
              onChanged={() => void reload()}
              onClose={() => setEditing(undefined)}
            />
          )}
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
