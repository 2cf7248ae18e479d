import type { Message, RoutingReason } from 'switchboard-chat/protocol';
import { dot } from '../knowledge/embedders/normalize.js';
import type { RouterConfig } from './config.js';
import { findPatterns, findPhrases } from './keywords.js';
import { matchPolicy } from './policy.js';

export interface RuleEscalation {
  reason: RoutingReason;
  confidence: number;
  matched?: string[];
  /** The policy's reason code when `reason` is `policy`. */
  policy?: string;
}

/**
 * The rules that send a message to a person whatever the classifier thinks: an explicit request, "that didn't
 * help", the same question right after an AI answer, or strong negative sentiment.
 */
export async function escalationRule(
  text: string,
  vector: Float32Array,
  history: Message[] | undefined,
  config: RouterConfig,
  embed: (text: string) => Promise<Float32Array>,
): Promise<RuleEscalation | undefined> {
  const request = requestRule(text, config);
  if (request) return request;
  const failure = findPhrases(text, config.human.failure);
  if (failure.length && answeredBefore(history))
    return { reason: 'repeated-failure', confidence: 0.9, matched: failure };
  if (await askedTwice(text, vector, history, config.escalation.repeatSimilarity, embed))
    return { reason: 'repeated-failure', confidence: 0.85 };
  const negative = findPhrases(text, config.human.negative);
  // One strong word is common in ordinary complaints; two, or one shouted, is anger worth a person.
  if (negative.length >= 2 || (negative.length === 1 && /!|\b[A-Z]{4,}\b/.test(text)))
    return { reason: 'negative-sentiment', confidence: 0.8, matched: negative };
  return undefined;
}

/**
 * An explicit request for a person, or an escalation policy (legal threat, injury, one customer's order or charge):
 * a person decides, however well the help centre matches. Needs only the customer's own words.
 */
export function requestRule(text: string, config: RouterConfig): RuleEscalation | undefined {
  const explicit = [...findPhrases(text, config.human.phrases), ...findPatterns(text, config.human.patterns)];
  if (explicit.length) return { reason: 'explicit-human', confidence: 1, matched: explicit };
  const policy = matchPolicy(text, config.policies, 'human');
  if (policy) return { reason: 'policy', confidence: 1, matched: [policy.matched], policy: policy.reason };
  return undefined;
}

/**
 * A `handoff: team` policy (account-specific: one order, invoice or charge) matched in any of these texts: the
 * routed agent keeps the message, and a person of its team answers it (the decision's `needsPerson`).
 */
export function teamPolicy(texts: string[], config: RouterConfig): { policy: string; matched: string } | undefined {
  for (const text of texts) {
    const m = matchPolicy(text, config.policies, 'team');
    if (m) return { policy: m.reason, matched: m.matched };
  }
  return undefined;
}

/** "That didn't help" only means something after an answer ("my wifi is still not working" opens many chats). */
function answeredBefore(history: Message[] | undefined): boolean {
  return !!history?.some((m) => m.role === 'ai');
}

/** The same question again right after an AI answer means the answer did not help. */
async function askedTwice(
  text: string,
  vector: Float32Array,
  history: Message[] = [],
  threshold: number,
  embed: (text: string) => Promise<Float32Array>,
): Promise<boolean> {
  const lastCustomer = [...history].reverse().find((m) => m.role === 'customer');
  if (!lastCustomer) return false;
  if (!history.some((m) => m.role === 'ai' && m.seq > lastCustomer.seq)) return false;
  // A follow-up routed together with the previous question (agents/context.ts) resembles it by construction.
  if (text.length > lastCustomer.text.length && text.startsWith(lastCustomer.text.slice(0, 200))) return false;
  return dot(await embed(lastCustomer.text), vector) >= threshold;
}
