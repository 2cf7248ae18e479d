import type { Report } from './analytics-api.js';

/** How the answer confidence shown to customers is calibrated on this site's "Was this helpful?" votes. */
export function Calibration({ status }: { status: NonNullable<Report['answerCalibration']> }) {
  const c = status.calibration;
  if (status.minVotes <= 0)
    return <p class="muted">Off (calibrationMinVotes is 0): the shipped confidence is shown.</p>;
  if (!c)
    return (
      <p class="muted">
        {status.votes} of {status.minVotes} votes on sourced answers: the shipped confidence is shown until then.
      </p>
    );
  return (
    <p>
      Recalibrated on {c.votes} votes
      {status.fittedAt ? ` (${new Date(status.fittedAt).toLocaleString()})` : ''}: calibration error on those votes{' '}
      {c.eceBefore.toFixed(3)} shipped → {c.eceAfter.toFixed(3)} shown.
    </p>
  );
}
