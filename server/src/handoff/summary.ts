import type { Message } from 'switchboard-chat/protocol';

const REASONS: Record<string, string> = {
  'explicit-human': 'the customer asked for a person',
  'low-confidence': 'the assistant was not confident enough to answer',
  'repeated-failure': 'the customer asked the same thing again',
  'negative-sentiment': 'the customer sounded frustrated',
  'out-of-scope': 'the question is outside what the assistant covers',
  'unsupported-language': 'the customer writes in a language the assistant does not support',
  'human-handled': 'a person is already handling the conversation',
  legal: 'the customer mentions legal action or a formal dispute',
  compensation: 'the customer claims compensation or damage',
  'staff-complaint': 'the customer complains about a member of staff',
  fraud: 'the customer reports fraud or unauthorised use',
  safety: 'the customer reports an injury, accident or safety concern',
  'account-specific': 'the question is about one specific order, charge or account',
  vulnerable: 'the customer mentions a bereavement or money trouble',
  'failed-answer': 'the customer said the answers did not help',
  clarify: 'the assistant could not tell what the customer needs',
};

/** A human-readable escalation reason; unknown codes and free text pass through. */
export function describeReason(reason: string | undefined): string {
  if (!reason) return 'no reason recorded';
  return REASONS[reason] ?? reason;
}

const clip = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
};

/**
 * A three-line handoff summary: the customer's question, what the AI answered, why it escalated.
 * The question is the latest customer message that is more than a request for a person, so "can I talk to a human?"
 * does not hide the actual problem.
 */
export function buildHandoffSummary(messages: Message[], reason: string | undefined, max = 160): string {
  const visible = messages.filter((m) => !m.meta?.internal);
  const customer = visible.filter((m) => m.role === 'customer');
  const substantive = customer.filter((m) => m.routing?.reason !== 'explicit-human');
  const question = substantive.at(-1) ?? customer.at(-1);
  const answer = visible.filter((m) => m.role === 'ai').at(-1);
  return [
    `Question: ${question ? clip(question.text, max) : '(none yet)'}`,
    `AI answered: ${answer ? clip(answer.text, max) : '(nothing)'}`,
    `Escalated: ${describeReason(reason)}`,
  ].join('\n');
}
