import type { Router } from './router.js';
import { surelyToPerson } from './verdict.js';

export interface LabelledRow {
  text: string;
  agent: string;
  ambiguous?: boolean;
  /** Whether a person must get this message (escalation sets); scored as "goes to a person" when any row has it. */
  person?: boolean;
  /** Why a person must get it (legal, fraud, …), for the misses per reason. */
  reason?: string;
}

/** "Goes to a person" whatever the help centre holds (`surelyToPerson`: not off-topic, unsure or language-only verdicts) against `person` labels. */
export interface PersonReport {
  n: number;
  precision: number;
  recall: number;
  /** Rows labelled `person: true` that the router answered itself, per `reason`. */
  missed_by_reason: Record<string, number>;
  /** Rows labelled `person: false` that went to a person anyway, per the decision's reason or policy. */
  false_alarms_by_cause: Record<string, number>;
}

export interface RoutingReport {
  n: number;
  accuracy: number;
  macro_f1: number;
  non_ambiguous_accuracy: number;
  human_precision: number;
  human_recall: number;
  per_agent: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  confusion: Record<string, Record<string, number>>;
  /** Expected calibration error of the confidence on rows routed to an agent (10 bins; 0 is perfect). */
  calibration_error: number;
  /** The reliability curve: per confidence decile with decisions, their mean confidence and how often they were right. */
  calibration_curve: Array<{ bin: string; n: number; confidence: number; accuracy: number }>;
  /**
   * Decisions that keep their agent but need a person of its team (a `handoff: team` policy): scored above on the
   * agent like any other, counted here apart.
   */
  handoff: {
    needs_person: number;
    /** Share of all rows. */
    rate: number;
    by_policy: Record<string, number>;
    /** Of those decisions, how often the routed agent (the team that gets it) is the labelled one. */
    agent_accuracy: number;
  };
  classifications_per_second: number;
  /** Present when the rows carry `person` labels. */
  person?: PersonReport;
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** Classify every row and compute accuracy, macro-F1, per-agent precision/recall, the confusion matrix and speed. */
export async function evaluateRouting(
  router: Router,
  rows: LabelledRow[],
  routerOf: (row: number) => Router = () => router,
): Promise<RoutingReport> {
  const labels = [...new Set([...router.config.agents.map((a) => a.name), 'human', ...rows.map((r) => r.agent)])];
  const confusion: Record<string, Record<string, number>> = Object.fromEntries(
    labels.map((l) => [l, Object.fromEntries(labels.map((m) => [m, 0]))]),
  );
  let correct = 0;
  let clearN = 0;
  let clearCorrect = 0;
  const handoff = { n: 0, right: 0, byPolicy: {} as Record<string, number> };
  const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, correct: 0 }));
  const person = {
    n: 0,
    tp: 0,
    fp: 0,
    fn: 0,
    missed: {} as Record<string, number>,
    alarms: {} as Record<string, number>,
  };
  const started = performance.now();
  for (const [i, row] of rows.entries()) {
    const decision = await routerOf(i).route({ text: row.text });
    const predicted = decision.agent;
    confusion[row.agent][predicted] = (confusion[row.agent][predicted] ?? 0) + 1;
    if (predicted === row.agent) correct++;
    if (decision.needsPerson) {
      handoff.n++;
      if (predicted === row.agent) handoff.right++;
      const code = decision.policy ?? 'unknown';
      handoff.byPolicy[code] = (handoff.byPolicy[code] ?? 0) + 1;
    }
    if (row.person !== undefined) {
      const toPerson = surelyToPerson(decision);
      person.n++;
      if (toPerson && row.person) person.tp++;
      if (toPerson && !row.person) {
        person.fp++;
        const cause = decision.policy ?? decision.reason ?? 'unknown';
        person.alarms[cause] = (person.alarms[cause] ?? 0) + 1;
      }
      if (!toPerson && row.person) {
        person.fn++;
        const why = row.reason ?? 'unlabelled';
        person.missed[why] = (person.missed[why] ?? 0) + 1;
      }
    }
    if (predicted !== 'human') {
      const bin = bins[Math.min(9, Math.floor(decision.confidence * 10))];
      bin.n++;
      bin.confidence += decision.confidence;
      if (predicted === row.agent) bin.correct++;
    }
    if (!row.ambiguous) {
      clearN++;
      if (predicted === row.agent) clearCorrect++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const per_agent: RoutingReport['per_agent'] = {};
  for (const l of labels) {
    const tp = confusion[l][l];
    const predicted = labels.reduce((s, t) => s + confusion[t][l], 0);
    const support = labels.reduce((s, p) => s + confusion[l][p], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    per_agent[l] = {
      precision: r4(precision),
      recall: r4(recall),
      f1: r4(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
      support,
    };
  }
  const present = labels.filter((l) => per_agent[l].support > 0);
  return {
    n: rows.length,
    accuracy: r4(correct / Math.max(1, rows.length)),
    macro_f1: r4(present.reduce((s, l) => s + per_agent[l].f1, 0) / Math.max(1, present.length)),
    non_ambiguous_accuracy: r4(clearCorrect / Math.max(1, clearN)),
    human_precision: per_agent.human.precision,
    human_recall: per_agent.human.recall,
    per_agent,
    confusion,
    calibration_error: r4(expectedCalibrationError(bins)),
    calibration_curve: bins.flatMap((b, i) =>
      b.n
        ? [
            {
              bin: `${i / 10}-${(i + 1) / 10}`,
              n: b.n,
              confidence: r4(b.confidence / b.n),
              accuracy: r4(b.correct / b.n),
            },
          ]
        : [],
    ),
    handoff: {
      needs_person: handoff.n,
      rate: r4(handoff.n / Math.max(1, rows.length)),
      by_policy: handoff.byPolicy,
      agent_accuracy: r4(handoff.right / Math.max(1, handoff.n)),
    },
    classifications_per_second: Math.round(rows.length / Math.max(seconds, 1e-9)),
    ...(person.n
      ? {
          person: {
            n: person.n,
            precision: r4(person.tp / Math.max(1, person.tp + person.fp)),
            recall: r4(person.tp / Math.max(1, person.tp + person.fn)),
            missed_by_reason: person.missed,
            false_alarms_by_cause: person.alarms,
          },
        }
      : {}),
  };
}

/** Weighted mean gap between confidence and accuracy per confidence bin. */
function expectedCalibrationError(bins: Array<{ n: number; confidence: number; correct: number }>): number {
  const total = bins.reduce((s, b) => s + b.n, 0);
  return bins.reduce(
    (s, b) => s + (b.n ? (b.n / Math.max(1, total)) * Math.abs(b.correct / b.n - b.confidence / b.n) : 0),
    0,
  );
}
