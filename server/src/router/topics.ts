import type { RouterConfig } from './config.js';
import { keywordScores } from './keywords.js';

/** One topic of the router's model, flattened from the configuration. */
export interface Topic {
  /** `agent/topic`, unique. */
  id: string;
  agent: string;
  examples: string[];
  keywords: Record<string, number>;
  collection?: string;
  /** The owner's topic (true) or a shipped generic one. */
  site: boolean;
}

/** The keyword score counts up to this much: many weak hits must not drown the semantic evidence. */
export const KEYWORD_CAP = 5;

/**
 * Every topic of every agent, the owner's first. An agent's loose `examples` form a topic named after the agent;
 * extra labelled examples (`{ text, agent, topic? }`, e.g. staff corrections) join their topic, or the agent's own.
 */
export function topicsOf(
  config: RouterConfig,
  extra: Array<{ text: string; agent: string; topic?: string }> = [],
): Topic[] {
  const topics: Topic[] = [];
  for (const a of config.agents) {
    if (a.examples.length)
      topics.push({ id: `${a.name}/${a.name}`, agent: a.name, examples: [...a.examples], keywords: {}, site: true });
    for (const t of a.topics)
      topics.push({
        id: `${a.name}/${t.name}`,
        agent: a.name,
        examples: [...t.examples],
        keywords: t.keywords,
        collection: t.collection,
        site: t.source === 'site',
      });
  }
  for (const e of extra) {
    if (!config.agents.some((a) => a.name === e.agent)) continue;
    const id = `${e.agent}/${e.topic ?? e.agent}`;
    let t = topics.find((x) => x.id === id);
    if (!t) topics.push((t = { id, agent: e.agent, examples: [], keywords: {}, site: true }));
    t.examples.push(e.text);
  }
  return topics.filter((t) => t.examples.length).sort((a, b) => Number(b.site) - Number(a.site));
}

/** Off-topic example texts: the configured ones plus labelled `human` rows (as `train-router` files them). */
export const offTopicTexts = (config: RouterConfig, extra: Array<{ text: string; agent: string }>): string[] => [
  ...config.human.outOfScope,
  ...extra.filter((e) => e.agent === 'human').map((e) => e.text),
];

/**
 * Keyword units of a text for every topic: its agent's keyword score plus the topic's own, capped at KEYWORD_CAP.
 */
export function topicKeywordUnits(
  text: string,
  config: RouterConfig,
  topics: Topic[],
): { units: Float32Array; byAgent: Map<string, { score: number; matched: string[] }> } {
  const byAgent = keywordScores(text, config.agents);
  const own = keywordScores(
    text,
    topics.map((t) => ({ name: t.id, keywords: t.keywords })),
  );
  const units = Float32Array.from(topics, (t) =>
    Math.min(KEYWORD_CAP, byAgent.get(t.agent)!.score + own.get(t.id)!.score),
  );
  // A topic's own keywords count as its agent's evidence too (explainability and the out-of-scope veto).
  for (const t of topics) {
    const o = own.get(t.id)!;
    if (!o.score) continue;
    const a = byAgent.get(t.agent)!;
    a.score += o.score;
    a.matched.push(...o.matched.filter((m) => !a.matched.includes(m)));
  }
  return { units, byAgent };
}
