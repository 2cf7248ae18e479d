import { session } from './api.js';

/** The subset of `/api/analytics` the dashboard shows. */
export interface Report {
  totals: {
    conversations: number;
    messages: number;
    escalationRate: number;
    resolutionRate: number;
    estimatedSaving: number;
    firstResponseSeconds: { ai: number | null; human: number | null };
    averageResponseSeconds: { ai: number | null; human: number | null };
    csat: { average: number | null; ratings: number };
  };
  perDay: Array<{ day: string; conversations: number; messages: number; escalated: number }>;
  perAgent: Array<{ agent: string; messages: number; averageConfidence: number; helpful: number; unhelpful: number }>;
  escalationReasons: Array<{ reason: string; count: number }>;
  knowledgeGaps: Array<{ question: string; count: number }>;
  labels: Array<{ label: string; conversations: number }>;
  /** The answer confidence's calibration from this site's votes (scale/vote-sync.ts). */
  answerCalibration?: {
    votes: number;
    minVotes: number;
    calibration?: { a: number; b: number; votes: number; eceBefore: number; eceAfter: number };
    fittedAt?: string;
  };
}

const url = (from: string, to: string, csv = false) =>
  `/api/analytics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${csv ? '&format=csv' : ''}`;
const headers = () => ({ authorization: `Bearer ${session.get() ?? ''}` });

/** Fetch the report for a period (admins only). */
export async function analytics(from: string, to: string): Promise<Report> {
  const res = await fetch(url(from, to), { headers: headers() });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  return body as Report;
}

/** Download the per-day table as CSV. */
export async function analyticsCsv(from: string, to: string): Promise<void> {
  const res = await fetch(url(from, to, true), { headers: headers() });
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `switchboard-${from}-${to}.csv`;
  a.click();
  URL.revokeObjectURL(a.href);
}
