import { readFileSync } from 'node:fs';

// Questions in the style of the demo help centre (our own wording), used when no --queries file is given.
export const DEFAULT_QUESTIONS = [
  'I forgot my password, how do I reset it?',
  'how do I get a refund?',
  'where can I download my invoice?',
  'how long does shipping take?',
  'my verification code is not accepted',
  'how much does the pro plan cost?',
  'how do I close my account?',
  'the desktop app shows sync paused',
  'can I pay with PayPal?',
  'what are your support hours?',
  'how do I export my data?',
  'I was charged twice this month',
  'can I change the e-mail address on my account?',
  'the app crashes when I open a shared file',
  'do you offer a discount for non-profits?',
  'how do I add a team member?',
  'my card was declined but I have money on it',
  'is there a mobile app?',
  'how do I turn on two-factor login?',
  'can I get my invoice in another currency?',
  'where is my order?',
  'how do I cancel my subscription?',
  'the page keeps loading forever',
  'can I upgrade in the middle of the month?',
];

/** Questions from a JSONL file (`query` or `text` fields), or the built-in list. */
export function loadQuestions(file?: string): string[] {
  if (!file) return DEFAULT_QUESTIONS;
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { query?: string; text?: string });
  const list = rows.map((r) => r.query ?? r.text).filter((q): q is string => typeof q === 'string' && q.length > 0);
  return list.length ? list : DEFAULT_QUESTIONS;
}

/**
 * Hands out questions: each customer walks its own shuffled order (a real customer does not ask the same thing twice in
 * a row, which the router would treat as "that did not help"), and every pick says whether any customer asked it before
 * (the server's query cache is warm for repeats).
 */
export class QuestionPicker {
  private readonly asked = new Set<string>();
  private readonly orders = new Map<number, { order: number[]; next: number }>();
  constructor(private readonly questions: string[]) {}

  /** The next question for customer `id`. */
  pick(id: number): { text: string; repeat: boolean } {
    let o = this.orders.get(id);
    if (!o || o.next >= o.order.length) {
      o = { order: shuffle(this.questions.length), next: 0 };
      this.orders.set(id, o);
    }
    const text = this.questions[o.order[o.next++]];
    const key = text.trim().toLowerCase();
    const repeat = this.asked.has(key);
    this.asked.add(key);
    return { text, repeat };
  }
}

function shuffle(n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
