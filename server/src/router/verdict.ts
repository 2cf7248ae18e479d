import type { RoutingDecision } from 'switchboard-chat/protocol';

/** Router verdicts that the help centre may overrule: it is asked before anyone is told "off-topic". */
const SEARCH_FIRST = new Set<RoutingDecision['reason']>(['out-of-scope', 'low-confidence', 'unsupported-language']);

/** True when the router sent a message to a person for a reason that a help-centre match can overrule. */
export function searchBeforeHandoff(routing: RoutingDecision): boolean {
  // A message that needs a person (a team policy) is not the help centre's to answer, whatever the route.
  return routing.agent === 'human' && !routing.needsPerson && SEARCH_FIRST.has(routing.reason);
}

/**
 * True when a person gets the message whatever the help centre holds: an explicit request, a policy, a failed answer
 * or anger routed to `human`, or a team policy's `needsPerson`. Off-topic, unsure and language-only verdicts are not
 * counted: the help centre is searched first (`searchBeforeHandoff`).
 */
export function surelyToPerson(routing: RoutingDecision): boolean {
  return routing.needsPerson === true || (routing.agent === 'human' && !searchBeforeHandoff(routing));
}
