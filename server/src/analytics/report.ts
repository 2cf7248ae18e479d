import { AnalyticsStore } from '../storage/analytics.js';
import { AnalyticsBreakdownStore } from '../storage/analytics-breakdowns.js';
import type { Database } from '../storage/db.js';
import { gapGroups } from './gaps.js';

export interface ReportQuery {
  from: Date;
  to: Date;
  agent?: string;
  /** Only conversations whose custom attributes have these values (signed ones win over unsigned ones of the same name). */
  attributes?: Record<string, string>;
  /** Cost of one conversation handled by a person vs by the AI, for the saving estimate. */
  costHuman: number;
  costAi: number;
}

export interface AnalyticsReport {
  period: { from: string; to: string; agent?: string; attributes?: Record<string, string> };
  totals: {
    conversations: number;
    messages: number;
    customerMessages: number;
    escalated: number;
    escalationRate: number;
    resolvedWithoutHuman: number;
    resolutionRate: number;
    feedback: { helpful: number; unhelpful: number };
    firstResponseSeconds: { ai: number | null; human: number | null };
    averageResponseSeconds: { ai: number | null; human: number | null };
    estimatedSaving: number;
    /** Average 1–5 rating and number of ratings. */
    csat: { average: number | null; ratings: number };
  };
  perDay: Array<{ day: string; conversations: number; messages: number; escalated: number }>;
  perAgent: Array<{ agent: string; messages: number; averageConfidence: number; helpful: number; unhelpful: number }>;
  escalationReasons: Array<{ reason: string; count: number }>;
  confidence: Array<{ bucket: string; count: number }>;
  busiestHours: Array<{ hour: number; messages: number }>;
  knowledgeGaps: Array<{ question: string; count: number; examples: string[] }>;
  /** Conversations in the period per label (staff and rule labels; removed ones not counted). */
  labels: Array<{ label: string; conversations: number }>;
}

const secs = (v: number | null) => (v == null ? null : Math.round(v * 10) / 10);

/** Compute the support lead's figures for a period straight from the stored conversations. */
export async function analyticsReport(db: Database, q: ReportQuery): Promise<AnalyticsReport> {
  const scope = { from: q.from, to: q.to, agent: q.agent, attributes: q.attributes };
  const figures = new AnalyticsStore(db);
  const breakdowns = new AnalyticsBreakdownStore(db);
  const totals = await figures.totals(scope);
  const times = await figures.responseTimes(scope);
  const perDay = await breakdowns.perDay(scope);
  const perAgent = await breakdowns.perAgent(scope);
  const reasons = await breakdowns.escalationReasons(scope);
  const confidence = await breakdowns.confidenceBuckets(scope);
  const hours = await breakdowns.busiestHours(scope);
  const csat = await figures.csat(scope);
  const gaps = await breakdowns.gapQuestions(scope);
  const labels = await breakdowns.labels(scope);

  const { conversations, escalated, resolved } = totals;
  return {
    period: {
      from: q.from.toISOString(),
      to: q.to.toISOString(),
      ...(q.agent ? { agent: q.agent } : {}),
      ...(Object.keys(q.attributes ?? {}).length ? { attributes: q.attributes } : {}),
    },
    totals: {
      conversations,
      messages: totals.messages,
      customerMessages: totals.customerMessages,
      escalated,
      escalationRate: conversations ? Math.round((escalated / conversations) * 1000) / 1000 : 0,
      resolvedWithoutHuman: resolved,
      resolutionRate: conversations ? Math.round((resolved / conversations) * 1000) / 1000 : 0,
      feedback: { helpful: totals.helpful, unhelpful: totals.unhelpful },
      firstResponseSeconds: { ai: secs(times.firstAi), human: secs(times.firstHuman) },
      averageResponseSeconds: { ai: secs(times.avgAi), human: secs(times.avgHuman) },
      estimatedSaving: Math.round(resolved * (q.costHuman - q.costAi) * 100) / 100,
      csat: {
        average: csat.average == null ? null : Math.round(csat.average * 100) / 100,
        ratings: csat.ratings,
      },
    },
    perDay,
    perAgent: perAgent.map((r) => ({
      ...r,
      agent: r.agent ?? 'unknown',
      averageConfidence: Math.round(r.averageConfidence * 1000) / 1000,
    })),
    escalationReasons: reasons,
    confidence: confidence.map((r) => ({
      bucket: `${(r.bucket / 10).toFixed(1)}–${((r.bucket + 1) / 10).toFixed(1)}`,
      count: r.count,
    })),
    busiestHours: hours,
    knowledgeGaps: gapGroups(gaps),
    labels,
  };
}
