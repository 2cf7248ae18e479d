import type { RouterConfig } from './config.js';

/** What an admin sees of the router's configuration: agents (enabled or not), their topics and the thresholds. */
export interface AgentSettings {
  agents: Array<{
    name: string;
    description: string;
    enabled: boolean;
    collections: string[];
    threshold: number;
    topics: Array<{ name: string; examples: number; collection?: string }>;
  }>;
  escalation: Record<string, number>;
  answering: Record<string, number>;
}

/** The admin view of a router configuration (example texts are counted, not listed: they can be thousands). */
export function agentSettingsOf(config: RouterConfig): AgentSettings {
  return {
    agents: config.agents.map((a) => ({
      name: a.name,
      description: a.description,
      enabled: a.enabled,
      collections: a.collections,
      threshold: a.threshold,
      topics: [
        ...(a.examples.length ? [{ name: a.name, examples: a.examples.length }] : []),
        ...a.topics.map((t) => ({ name: t.name, examples: t.examples.length, collection: t.collection })),
      ],
    })),
    escalation: { ...config.escalation },
    answering: numbers(config.answering),
  };
}

const numbers = (o: object): Record<string, number> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'number'));
