// Agent settings an admin edits live (console, `/api/admin/agents`), layered over the agents file: the file stays the
// owner's source; an override names only what was changed (threshold, description, enabled, examples added/removed),
// so a later edit of the file still shows through everywhere the admin did not touch. Validated with the file's own
// schemas (config.ts), so an edit can never make an agent the file could not hold.
import { z } from 'zod';
import { AppError } from '../util/errors.js';
import { agentFields, agentSchema, topicSchema, type AgentConfig, type RouterConfig } from './config.js';

/** One example text as the API takes it (the file's rule, plus a length an utterance never needs to exceed). */
const exampleText = topicSchema.shape.examples.element.max(1000);
/** Examples an agent's topic gained or lost in the console. */
const exampleEdits = z.object({
  added: z.array(exampleText).default([]),
  removed: z.array(exampleText).default([]),
});

/** What is stored per agent (table `agent_overrides`): only the fields an admin changed. */
export const agentOverrideSchema = z.object({
  threshold: agentFields.shape.threshold.removeDefault().optional(),
  description: agentFields.shape.description.max(500).optional(),
  enabled: agentFields.shape.enabled.removeDefault().optional(),
  /** Per topic name (the agent's own name for its loose `examples`). */
  examples: z.record(topicSchema.shape.name, exampleEdits).default({}),
});
export type AgentOverride = z.infer<typeof agentOverrideSchema>;

/** Body of `PATCH /api/admin/agents/:name`: the fields to set and, per topic, examples to add or remove. */
export const agentPatchSchema = z
  .object({
    threshold: agentOverrideSchema.shape.threshold,
    description: agentOverrideSchema.shape.description,
    enabled: agentOverrideSchema.shape.enabled,
    topics: z
      .array(
        z.object({
          name: topicSchema.shape.name,
          add: z.array(exampleText).max(100).optional(),
          remove: z.array(exampleText).max(100).optional(),
        }),
      )
      .max(50)
      .optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'nothing to change');
export type AgentPatch = z.infer<typeof agentPatchSchema>;

/** An agent's override after a patch (the patch's examples folded into the stored added/removed lists). */
export function patchOverride(before: AgentOverride | undefined, patch: AgentPatch): AgentOverride {
  const next: AgentOverride = { ...before, examples: { ...before?.examples } };
  if (patch.threshold !== undefined) next.threshold = patch.threshold;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.enabled !== undefined) next.enabled = patch.enabled;
  for (const t of patch.topics ?? []) {
    const edits = next.examples[t.name] ?? { added: [], removed: [] };
    const add = new Set(t.add ?? []);
    const remove = new Set(t.remove ?? []);
    next.examples[t.name] = {
      added: [...new Set([...edits.added.filter((e) => !remove.has(e)), ...add])],
      removed: [...new Set([...edits.removed.filter((e) => !add.has(e)), ...remove])],
    };
  }
  return next;
}

/** The file's agent with an override applied; throws `invalid_payload` naming the problem when it no longer fits. */
export function applyOverride(agent: AgentConfig, o: AgentOverride): AgentConfig {
  const edit = (topic: string, examples: string[]) => {
    const e = o.examples[topic];
    if (!e) return examples;
    const removed = new Set(e.removed);
    return [...new Set([...examples.filter((x) => !removed.has(x)), ...e.added])];
  };
  for (const topic of Object.keys(o.examples))
    if (topic !== agent.name && !agent.topics.some((t) => t.name === topic))
      throw new AppError('invalid_payload', `agent ${agent.name} has no topic "${topic}"`, { field: 'topics' });
  const merged = {
    ...agent,
    threshold: o.threshold ?? agent.threshold,
    description: o.description ?? agent.description,
    enabled: o.enabled ?? agent.enabled,
    examples: edit(agent.name, agent.examples),
    topics: agent.topics.map((t) => ({ ...t, examples: edit(t.name, t.examples) })),
  };
  const checked = agentSchema.safeParse(merged);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new AppError('invalid_payload', `agent ${agent.name}: ${issue.path.join('.')}: ${issue.message}`, {
      field: issue.path.join('.'),
    });
  }
  return checked.data;
}

/**
 * The configuration with every override applied (all agents, disabled ones too: the settings screen shows them).
 * An override that no longer fits the file (a topic renamed there since) is reported through `skip` and left out.
 */
export function withOverrides(
  config: RouterConfig,
  overrides: ReadonlyMap<string, AgentOverride>,
  skip: (agent: string, err: Error) => void = () => undefined,
): RouterConfig {
  const agents = config.agents.map((a) => {
    const o = overrides.get(a.name);
    if (!o) return a;
    try {
      return applyOverride(a, o);
    } catch (err) {
      skip(a.name, err as Error);
      return a;
    }
  });
  return { ...config, agents };
}

/** The configuration the router runs with: enabled agents only (at least one must stay). */
export function activeConfig(config: RouterConfig): RouterConfig {
  const agents = config.agents.filter((a) => a.enabled);
  if (!agents.length)
    throw new AppError('invalid_payload', 'at least one agent must stay enabled', { field: 'enabled' });
  return agents.length === config.agents.length ? config : { ...config, agents };
}
