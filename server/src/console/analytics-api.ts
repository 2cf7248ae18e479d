import type { AnalyticsReport } from '../analytics/report.js';
import type { VoteCalibrationStatus } from '../scale/vote-sync.js';
import { session } from './api.js';

/**
 * The `/api/analytics` report as the server computes it, with the answer calibration's status from this site's votes
 * (types imported type-only: nothing of them is bundled).
 */
export type Report = AnalyticsReport & { answerCalibration?: VoteCalibrationStatus };

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
