import { useEffect, useState } from 'preact/hooks';
import { analytics, analyticsCsv, type Report } from './analytics-api.js';
import { Calibration } from './Calibration.js';
import { BarChart, Gauge } from './Charts.js';

const day = (d: Date) => d.toISOString().slice(0, 10);
const secs = (s: number | null) => (s == null ? '—' : s < 60 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`);

/** The support lead's dashboard: volumes, response times, escalation, CSAT and knowledge gaps for a period. */
export function Dashboard() {
  const [from, setFrom] = useState(day(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(day(new Date()));
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    analytics(from, to).then(setReport, (e: Error) => setError(e.message));
  }, [from, to]);
  if (error)
    return (
      <main class="dashboard">
        <p class="banner" role="alert">
          {error}
        </p>
      </main>
    );
  if (!report) return <main class="dashboard">Loading…</main>;
  const t = report.totals;
  return (
    <main class="dashboard">
      <form class="period" onSubmit={(e) => e.preventDefault()}>
        <label>
          From <input type="date" value={from} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          To <input type="date" value={to} onChange={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        <button type="button" onClick={() => void analyticsCsv(from, to)}>
          Export CSV
        </button>
      </form>
      <section class="cards">
        <div class="card">
          <span class="num">{t.conversations}</span>
          <span>conversations</span>
        </div>
        <div class="card">
          <span class="num">{t.messages}</span>
          <span>messages</span>
        </div>
        <div class="card">
          <span class="num">{secs(t.firstResponseSeconds.ai)}</span>
          <span>first AI response</span>
        </div>
        <div class="card">
          <span class="num">{secs(t.averageResponseSeconds.human)}</span>
          <span>avg. human response</span>
        </div>
        <div class="card">
          <span class="num">{t.csat.average ?? '—'}</span>
          <span>CSAT ({t.csat.ratings} ratings)</span>
        </div>
        <div class="card">
          <span class="num">{t.estimatedSaving.toFixed(2)}</span>
          <span>estimated saving</span>
        </div>
      </section>
      <section class="row">
        <figure>
          <figcaption>Conversations per day</figcaption>
          <BarChart label="Conversations per day" data={report.perDay.map((d) => ({ x: d.day, y: d.conversations }))} />
        </figure>
        <figure>
          <figcaption>Resolved without a human</figcaption>
          <Gauge label="Resolved without a human" value={t.resolutionRate} />
        </figure>
        <figure>
          <figcaption>Escalation rate</figcaption>
          <Gauge label="Escalation rate" value={t.escalationRate} />
        </figure>
      </section>
      <section class="row">
        <figure>
          <figcaption>Escalations per day</figcaption>
          <BarChart
            label="Escalations per day"
            color="#b45309"
            data={report.perDay.map((d) => ({ x: d.day, y: d.escalated }))}
          />
        </figure>
        <figure>
          <figcaption>Escalation reasons</figcaption>
          <ul>
            {report.escalationReasons.map((r) => (
              <li key={r.reason}>
                {r.reason}: {r.count}
              </li>
            ))}
          </ul>
          <figcaption>Per agent</figcaption>
          <ul>
            {report.perAgent.map((a) => (
              <li key={a.agent}>
                {a.agent}: {a.messages} answers, confidence {Math.round(a.averageConfidence * 100)}%, helpful{' '}
                {a.helpful}, unhelpful {a.unhelpful}
              </li>
            ))}
          </ul>
        </figure>
      </section>
      <section>
        <h2>Labels</h2>
        {report.labels.length === 0 ? (
          <p class="muted">No labelled conversations in this period.</p>
        ) : (
          <ul class="label-counts">
            {report.labels.map((l) => (
              <li key={l.label}>
                <span class="label">{l.label}</span> {l.conversations}
              </li>
            ))}
          </ul>
        )}
      </section>
      {report.answerCalibration && (
        <section>
          <h2>Answer confidence from votes</h2>
          <Calibration status={report.answerCalibration} />
        </section>
      )}
      <section>
        <h2>Top knowledge gaps</h2>
        {report.knowledgeGaps.length === 0 ? (
          <p class="muted">None in this period.</p>
        ) : (
          <ol class="gaps">
            {report.knowledgeGaps.map((g) => (
              <li key={g.question}>
                <strong>{g.count}×</strong> {g.question}
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}
