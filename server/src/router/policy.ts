import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * One escalation policy: messages that always go to a person, whatever the classifier or the help centre say, with a
 * stable reason code the inbox shows (legal, compensation, staff-complaint, fraud, safety, account-specific, or the
 * owner's own). `examples` document the intent and are checked against the patterns by the tests.
 */
export const policySchema = z.object({
  reason: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case letters, digits or -'),
  description: z.string().default(''),
  /** Case-insensitive regular expressions; any match sends the message to a person. */
  patterns: z.array(z.string().refine(isRegExp, 'not a valid regular expression')).min(1),
  examples: z.array(z.string()).default([]),
  /**
   * Who takes a matching message: `human` (the default) routes it to a person, whoever; `team` leaves the routing to
   * the classifier and marks the decision `needsPerson`, so a person of the routed agent's team answers (an order
   * number is a billing or general question that needs someone to look it up, not a routing decision).
   */
  handoff: z.enum(['human', 'team']).default('human'),
});

export type Policy = z.infer<typeof policySchema>;

/** The shipped policies (en, es, fr, de, ar), from policies.default.json. */
export const DEFAULT_POLICIES: Policy[] = z
  .object({ policies: z.array(policySchema) })
  .parse(JSON.parse(readFileSync(new URL('./policies.default.json', import.meta.url), 'utf8'))).policies;

/** The owner's policies replace shipped ones with the same reason and add new ones. */
export function mergePolicies(base: Policy[], own: Policy[] | undefined): Policy[] {
  if (!own) return base;
  return [...base.filter((p) => !own.some((o) => o.reason === p.reason)), ...own];
}

export interface PolicyMatch {
  reason: string;
  matched: string;
}

const compiled = new WeakMap<Policy[], Array<{ reason: string; handoff: Policy['handoff']; res: RegExp[] }>>();

/**
 * The first policy whose pattern matches the message, with the matched text (for the staff summary); with `handoff`,
 * only the policies of that kind.
 */
export function matchPolicy(text: string, policies: Policy[], handoff?: Policy['handoff']): PolicyMatch | undefined {
  let list = compiled.get(policies);
  if (!list) {
    list = policies.map((p) => ({
      reason: p.reason,
      handoff: p.handoff ?? 'human',
      res: p.patterns.map((s) => new RegExp(s, 'iu')),
    }));
    compiled.set(policies, list);
  }
  // Bounded input: patterns have small windows, and a 4,000-character message needs no more than its first part.
  const sample = text.slice(0, 2000).replace(/\s+/g, ' ');
  for (const p of list) {
    if (handoff && p.handoff !== handoff) continue;
    for (const re of p.res) {
      const m = re.exec(sample);
      if (m) return { reason: p.reason, matched: m[0].trim().slice(0, 80) };
    }
  }
  return undefined;
}

/** Whether a configured pattern compiles as a case-insensitive Unicode regular expression. */
export function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
}
