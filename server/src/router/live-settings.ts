import { z } from 'zod';
import type { AgentOverrideStore } from '../storage/agent-overrides.js';
import { AppError } from '../util/errors.js';
import type { RouterConfig } from './config.js';
import {
  activeConfig,
  agentOverrideSchema,
  applyOverride,
  patchOverride,
  withOverrides,
  type AgentOverride,
  type AgentPatch,
} from './overrides.js';

/** One agent as the settings screen edits it: example texts listed per topic, with what the console changed. */
export const agentDetailSchema = z.object({
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  threshold: z.number(),
  collections: z.array(z.string()),
  topics: z.array(
    z.object({
      name: z.string(),
      source: z.enum(['site', 'generic']),
      examples: z.array(z.string()),
      added: z.array(z.string()).describe('examples added in the console'),
      removed: z.array(z.string()).describe('examples of the agents file removed in the console'),
    }),
  ),
  overridden: z.array(z.string()).describe('fields that differ from the agents file because of a console edit'),
});
export type AgentDetail = z.infer<typeof agentDetailSchema>;

/** A node's router training: retraining now, and when the model in force was trained. */
export const trainingStatusSchema = z.object({
  state: z.enum(['training', 'ready']),
  trainedAt: z.string().describe('ISO time the model in force finished training (server start for the first)'),
  error: z.string().optional().describe("the last retraining's failure (the previous model keeps routing)"),
});
export type TrainingStatus = z.infer<typeof trainingStatusSchema>;

/**
 * The agents file with the admins' stored edits over it. The database is the truth for every node: each read parses the
 * stored rows again, so a node shows and trains with what another node's admin saved.
 */
export class LiveAgentSettings {
  constructor(
    /** The agents file as loaded at start. */
    readonly base: RouterConfig,
    private readonly store: AgentOverrideStore,
    private readonly warn: (agent: string, err: Error) => void = () => undefined,
  ) {}

  /** Stored overrides that parse (one that does not is reported and ignored, never fatal at start). */
  async overrides(): Promise<Map<string, AgentOverride>> {
    const out = new Map<string, AgentOverride>();
    for (const [agent, raw] of await this.store.all()) {
      const parsed = agentOverrideSchema.safeParse(raw);
      if (parsed.success) out.set(agent, parsed.data);
      else this.warn(agent, new Error(parsed.error.issues[0].message));
    }
    return out;
  }

  /** Every agent with its edits applied (disabled ones included). */
  async effective(): Promise<RouterConfig> {
    return withOverrides(this.base, await this.overrides(), this.warn);
  }

  /** One agent's settings and examples, for editing. */
  async detail(name: string): Promise<AgentDetail> {
    const overrides = await this.overrides();
    const agent = (await this.effective()).agents.find((a) => a.name === name);
    if (!agent) throw new AppError('not_found', `No agent named "${name}".`);
    const o = overrides.get(name);
    const edits = (topic: string) => o?.examples[topic] ?? { added: [], removed: [] };
    return {
      name,
      description: agent.description,
      enabled: agent.enabled,
      threshold: agent.threshold,
      collections: agent.collections,
      topics: [
        ...(agent.examples.length || o?.examples[name]
          ? [{ name, source: 'site' as const, examples: agent.examples, ...edits(name) }]
          : []),
        ...agent.topics.map((t) => ({ name: t.name, source: t.source, examples: t.examples, ...edits(t.name) })),
      ],
      overridden: o
        ? [
            ...(['threshold', 'description', 'enabled'] as const).filter((k) => o[k] !== undefined),
            ...(Object.keys(o.examples).length ? ['examples'] : []),
          ]
        : [],
    };
  }

  /**
   * Apply an admin's change to one agent and store it; refused (`invalid_payload`, nothing stored) when the agent would
   * no longer fit the agents file's schema or no agent would stay enabled. Returns the agent as now stored.
   */
  async patch(name: string, patch: AgentPatch, by: string): Promise<AgentDetail> {
    const file = this.base.agents.find((a) => a.name === name);
    if (!file) throw new AppError('not_found', `No agent named "${name}".`);
    if (patch.enabled === false) await this.checkSomeEnabled(name, (o) => patchOverride(o, patch));
    await this.store.update(name, by, (raw) => {
      const next = patchOverride(agentOverrideSchema.parse(raw ?? {}), patch);
      applyOverride(file, next);
      return next;
    });
    return this.detail(name);
  }

  /** Forget every console edit of one agent (back to the agents file); false when there were none. */
  async reset(name: string): Promise<boolean> {
    if (!this.base.agents.some((a) => a.name === name)) throw new AppError('not_found', `No agent named "${name}".`);
    await this.checkSomeEnabled(name, () => undefined);
    return this.store.remove(name);
  }

  /** Refuse a change of one agent's override that would leave no agent enabled (checked before the write: a guard for
   * people, not a lock; the learning loop keeps the previous model if two admins race to disable the last two). */
  private async checkSomeEnabled(name: string, change: (o: AgentOverride) => AgentOverride | undefined): Promise<void> {
    const all = await this.overrides();
    const next = change(all.get(name) ?? agentOverrideSchema.parse({}));
    if (next) all.set(name, next);
    else all.delete(name);
    activeConfig(withOverrides(this.base, all));
  }
}
