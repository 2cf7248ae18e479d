import { useCallback } from 'preact/hooks';
import { adminApi, type AgentDetail, type AgentPatch } from './admin-api.js';
import { fields, useAdminData } from './use-admin.js';

/** One agent's live settings: description, hand-over threshold, enabled, and each topic's examples (add, remove). */
export function AgentEditor({ name, onChanged, onClose }: { name: string; onChanged(): void; onClose(): void }) {
  const load = useCallback(async () => (await adminApi.agent(name)).agent, [name]);
  const { data: agent, error, notice, act } = useAdminData(load);
  const change = async (patch: AgentPatch, done: string) => {
    if (await act(() => adminApi.updateAgent(name, patch), done)) onChanged();
  };
  const save = (e: Event, a: AgentDetail) => {
    e.preventDefault();
    const f = fields(e);
    const patch: AgentPatch = {};
    if (f.description !== a.description) patch.description = f.description;
    if (Number(f.threshold) !== a.threshold) patch.threshold = Number(f.threshold);
    if ((f.enabled === 'on') !== a.enabled) patch.enabled = f.enabled === 'on';
    if (Object.keys(patch).length) void change(patch, `Saved ${name}; the router is retraining.`);
  };
  const addExample = (e: Event, topic: string) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const text = fields(e).example.trim();
    if (!text) return;
    void change(
      { topics: [{ name: topic, add: [text] }] },
      `Added an example to ${topic}; the router is retraining.`,
    ).then(() => form.reset());
  };
  const undo = async () => {
    if (await act(() => adminApi.resetAgent(name), `${name} is back to the agents file; the router is retraining.`))
      onChanged();
  };
  return (
    <section class="agent-editor" aria-label={`Edit ${name}`}>
      <h3>
        {name}{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </h3>
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
      {agent && (
        <>
          {/* Uncontrolled fields, remounted when the saved settings change: a re-render (the training status polls) must
              not put back the stored value over what the admin is typing. */}
          <form
            key={`${agent.description}|${agent.threshold}|${agent.enabled}`}
            class="admin-form"
            aria-label={`Settings of ${name}`}
            onSubmit={(e) => save(e, agent)}
          >
            <label>
              Description
              <input name="description" required maxLength={500} defaultValue={agent.description} />
            </label>
            <label>
              Hand over below
              <input
                name="threshold"
                type="number"
                min={0}
                max={1}
                step={0.01}
                required
                defaultValue={String(agent.threshold)}
              />
            </label>
            <label>
              <span>
                <input name="enabled" type="checkbox" defaultChecked={agent.enabled} /> Enabled
              </span>
            </label>
            <button type="submit">Save</button>
            {agent.overridden.length > 0 && (
              <button type="button" onClick={() => void undo()}>
                Undo console edits ({agent.overridden.join(', ')})
              </button>
            )}
          </form>
          {agent.topics.map((t) => (
            <details key={t.name} class="agent-topic" data-topic={t.name} open={t.source === 'site'}>
              <summary>
                {t.name} ({t.examples.length} examples{t.source === 'generic' ? ', shipped' : ''}
                {t.added.length ? `, ${t.added.length} added here` : ''}
                {t.removed.length ? `, ${t.removed.length} removed here` : ''})
              </summary>
              <form
                class="admin-form"
                aria-label={`Add an example to ${t.name}`}
                onSubmit={(e) => addExample(e, t.name)}
              >
                <label>
                  New example
                  <input name="example" required maxLength={1000} />
                </label>
                <button type="submit">Add example</button>
              </form>
              <ul>
                {t.examples.map((x) => (
                  <li key={x} data-example={x}>
                    {x}{' '}
                    <button
                      type="button"
                      aria-label={`Remove example: ${x}`}
                      onClick={() =>
                        void change({ topics: [{ name: t.name, remove: [x] }] }, `Removed an example from ${t.name}.`)
                      }
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </>
      )}
    </section>
  );
}
