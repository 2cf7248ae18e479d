import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../util/errors.js';
import { DEFAULT_ANSWERING } from './answering.js';
import { DEFAULT_SEMANTIC } from './semantic.js';
import { DEFAULT_POLICIES, isRegExp, mergePolicies, policySchema } from './policy.js';
import { dialogSchema } from './dialog-options.js';
import { DEFAULT_GLOSSARY, glossarySchema, mergeGlossary } from './glossary.js';

/** A topic: what customers ask about, owned by one agent; examples (and optional keywords) teach the router. */
export const topicSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,59}$/i, 'letters, digits, _ . or -'),
  examples: z.array(z.string().min(1)).min(1, 'needs at least one example utterance'),
  keywords: z.record(z.number().min(0).max(10)).default({}),
  /** A knowledge-base collection to search first for this topic's answers. */
  collection: z.string().optional(),
  /** Shipped generic topics are `generic`; the owner's (the default) weigh more and come first. */
  source: z.enum(['site', 'generic']).default('site'),
});

/** An agent's fields; `agentSchema` adds the rule that it has examples. Admin edits validate with these too. */
export const agentFields = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ or -'),
  description: z.string().min(1),
  /** A disabled agent is left out of routing (its topics are not trained; its messages go to the others or a person). */
  enabled: z.boolean().default(true),
  collections: z.array(z.string()).default([]),
  tags: z.array(z.string()).optional(),
  style: z.string().default(''),
  /** Below this confidence the message goes to a human. */
  threshold: z.number().min(0).max(1).default(0.45),
  keywords: z.record(z.number().min(0).max(10)).default({}),
  /** Examples not filed under a topic: they form a topic named after the agent. */
  examples: z.array(z.string().min(1)).default([]),
  topics: z.array(topicSchema).default([]),
});

/** One agent of the agents file. */
export const agentSchema = agentFields.refine((a) => a.examples.length > 0 || a.topics.length > 0, {
  message: 'needs at least one example utterance or topic',
  path: ['examples'],
});

export const routerConfigSchema = z.object({
  agents: z.array(agentSchema).min(1),
  human: z.object({
    phrases: z.array(z.string()).default([]),
    /** Regular expressions (case-insensitive) for requests for a person that phrase lists cannot enumerate. */
    patterns: z.array(z.string().refine(isRegExp, 'not a valid regular expression')).default([]),
    failure: z.array(z.string()).default([]),
    negative: z.array(z.string()).default([]),
    outOfScope: z.array(z.string()).default([]),
  }),
  /** Whole messages that are greetings, thanks or "can you help me?": answered with a prompt, not routed. */
  smalltalk: z.array(z.string()).default([]),
  /** How example similarity and keywords become a confidence (chosen on the shared train sets, docs/performance.md). */
  routing: z
    .object({
      /** `auto`: a topic-level model chosen by cross-validation and calibrated (docs/agents.md); the others are the fixed methods. */
      method: z.enum(['auto', 'knn', 'centroid', 'logistic']).default('auto'),
      /** Training weight of one of the owner's examples relative to a shipped generic one (auto). */
      siteWeight: z.number().positive().default(3),
      /** Cross-validation folds (auto). */
      folds: z.number().int().min(2).max(10).default(5),
      /** Cross-validate on at most this many examples (a stratified sample) so large example sets retrain in seconds. */
      maxCvExamples: z.number().int().min(100).default(1000),
      /** The model kinds cross-validation may choose from (auto); default: both with examples of your own, else kNN. */
      candidates: z
        .array(z.enum(['knn', 'logistic']))
        .min(1)
        .optional(),
      k: z.number().int().min(1).max(50).default(DEFAULT_SEMANTIC.k),
      /** Softmax temperature of cosine similarities (knn, centroid). */
      temperature: z.number().positive().default(DEFAULT_SEMANTIC.temperature),
      l2: z.number().min(0).default(DEFAULT_SEMANTIC.l2),
      /** Logit added per unit of keyword weight (the keyword score is capped at 5). */
      keywordWeight: z.number().min(0).default(2.5),
    })
    .default({}),
  escalation: z
    .object({
      /** Out of scope when the out-of-scope examples' logit exceeds the best agent's by more than this (logit units). */
      outOfScopeMargin: z.number().default(-2),
      /** Off-topic when the calibrated off-topic probability is at least this (method auto). */
      offTopicThreshold: z.number().min(0).max(1).default(0.7),
      /** A keyword score at least this high keeps a message in scope whatever the out-of-scope examples say. */
      outOfScopeKeywordVeto: z.number().min(0).default(0.01),
      /** Similarity above which a repeated customer question counts as "asked twice". */
      repeatSimilarity: z.number().min(0).max(1).default(0.93),
    })
    .default({}),
  /** When a retrieved passage is relevant enough to answer with (else: "not found", and a person takes over). */
  answering: z
    .object({
      minSimilarity: z.number().min(0).max(1).default(DEFAULT_ANSWERING.minSimilarity),
      strongSimilarity: z.number().min(0).max(1).default(DEFAULT_ANSWERING.strongSimilarity),
      minCoverage: z.number().min(0).max(1).default(DEFAULT_ANSWERING.minCoverage),
      maxSentences: z.number().int().min(1).max(20).default(DEFAULT_ANSWERING.maxSentences),
      /** Let another agent answer from its collections when the routed agent's have nothing relevant. */
      fallback: z.boolean().default(DEFAULT_ANSWERING.fallback),
      /** Top hits whose sections are searched for the best answer unit. */
      candidates: z.number().int().min(1).max(50).default(DEFAULT_ANSWERING.candidates),
      /** Answer confidence below which an answer counts as a guess (default: the answer model's threshold). */
      answerThreshold: z.number().min(0).max(1).optional(),
      /** Answer confidence from which a help-centre answer keeps an "out-of-scope" message in scope (above 1: only strong matches). */
      scopeConfidence: z.number().min(0).max(2).default(DEFAULT_ANSWERING.scopeConfidence),
    })
    .default({}),
  /** Messages that always go to a person with a reason code (legal, safety, …); see policies.default.json. */
  policies: z.array(policySchema).default(DEFAULT_POLICIES),
  /** Clarifying questions, retries after "no", follow-ups, answers while waiting for a person (docs/agents.md). */
  dialog: dialogSchema.default({}),
  /** Per language, customer words → English search words, for an English help centre (glossary.default.json). */
  glossary: glossarySchema.default(DEFAULT_GLOSSARY),
});

export type RouterConfig = z.infer<typeof routerConfigSchema>;
export type AgentConfig = z.infer<typeof agentSchema>;
export type TopicConfig = z.infer<typeof topicSchema>;

const DEFAULTS = new URL('./agents.default.json', import.meta.url);

function parseFile(path: string | URL): unknown {
  const text = readFileSync(path, 'utf8');
  return String(path).match(/\.ya?ml$/i) ? parseYaml(text) : JSON.parse(text);
}

/** The agents file read and merged over the shipped defaults, or every problem found in it (one a line). */
export type RouterConfigResult =
  { config: RouterConfig; problems?: undefined } | { config?: undefined; problems: string[] };

/**
 * Load the router configuration: the shipped defaults, with agents from `path` added or replacing those of the
 * same name (JSON or YAML). Errors name the file and the field, every problem one a line.
 */
export function loadRouterConfig(path?: string): RouterConfig {
  const read = readRouterConfig(path);
  if (read.problems) throw new AppError('invalid_config', read.problems.join('\n'));
  return read.config;
}

/** `loadRouterConfig` without throwing: config resolution lists these problems beside the other settings' ones. */
export function readRouterConfig(path?: string): RouterConfigResult {
  const base = routerConfigSchema.parse(parseFile(DEFAULTS));
  if (!path) return { config: base };
  let raw: unknown;
  try {
    raw = parseFile(path);
  } catch (err) {
    return { problems: [`${path}: ${(err as Error).message}`] };
  }
  const partial = routerConfigSchema
    .partial({ agents: true, human: true, smalltalk: true })
    .extend({ replaceDefaults: z.boolean().optional() })
    .safeParse(raw);
  // Every problem at once, so an owner fixes the file in one go rather than one per start.
  if (!partial.success)
    return { problems: partial.error.issues.map((i) => `${path}: ${i.path.join('.') || 'root'}: ${i.message}`) };
  const own = partial.data;
  // Only what the file really sets overrides the defaults (the parsed object also holds schema defaults).
  const given = raw as {
    human?: Record<string, unknown>;
    routing?: Record<string, unknown>;
    escalation?: Record<string, unknown>;
    answering?: Record<string, unknown>;
  };
  const agents = own.replaceDefaults ? [] : [...base.agents];
  for (const a of own.agents ?? []) {
    const i = agents.findIndex((b) => b.name === a.name);
    if (i >= 0) agents[i] = withShippedTopics(a, agents[i]);
    else agents.push(a);
  }
  const problems = agentListProblems(agents).map((p) => `${path}: agents: ${p}`);
  if (problems.length) return { problems };
  const human = { ...base.human };
  // Phrase lists extend the shipped ones, so an owner adding one phrase keeps every default.
  for (const key of Object.keys(human) as Array<keyof typeof human>) {
    if (given.human?.[key] !== undefined) human[key] = [...new Set([...human[key], ...own.human![key]])];
  }
  const config: RouterConfig = {
    agents,
    human,
    smalltalk: [...new Set([...base.smalltalk, ...(own.smalltalk ?? [])])],
    routing: { ...base.routing, ...pick(own.routing, given.routing) },
    escalation: { ...base.escalation, ...pick(own.escalation, given.escalation) },
    answering: { ...base.answering, ...pick(own.answering, given.answering) },
    policies: mergePolicies(base.policies, (raw as { policies?: unknown }).policies ? own.policies : undefined),
    dialog: { ...base.dialog, ...pick(own.dialog, (raw as { dialog?: Record<string, unknown> }).dialog) },
    glossary: mergeGlossary(base.glossary, (raw as { glossary?: unknown }).glossary ? own.glossary : undefined),
  };
  return { config };
}

/** What the merged agent list may not be: empty, all disabled, or using the escalation route's name. */
function agentListProblems(agents: AgentConfig[]): string[] {
  if (!agents.length) return ['at least one agent is needed'];
  const problems: string[] = [];
  if (!agents.some((a) => a.enabled)) problems.push('every agent is disabled');
  if (agents.some((a) => a.name === 'human')) problems.push('"human" is the escalation route, not an agent name');
  return problems;
}

/** The parsed values of the keys the file actually wrote. */
function pick<T extends object>(parsed: T | undefined, written: Record<string, unknown> | undefined): Partial<T> {
  if (!parsed || !written) return {};
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => k in written)) as Partial<T>;
}

const normText = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The owner's agent with the shipped agent's generic topics kept after its own (they weigh less in training).
 * Owner examples that repeat a shipped one (older `train-router` files copied them) stay generic.
 */
function withShippedTopics(mine: AgentConfig, shipped: AgentConfig): AgentConfig {
  const generic = shipped.topics.filter((t) => t.source === 'generic');
  const known = new Set(generic.flatMap((t) => t.examples.map(normText)));
  const own = (xs: string[]) => xs.filter((e) => !known.has(normText(e)));
  const topics = mine.topics.map((t) => ({ ...t, examples: own(t.examples) })).filter((t) => t.examples.length);
  return { ...mine, examples: own(mine.examples), topics: [...topics, ...generic] };
}
