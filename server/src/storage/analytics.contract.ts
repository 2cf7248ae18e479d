import { expect, it } from 'vitest';
import { AnalyticsStore, type AnalyticsScope } from './analytics.js';
import { AnalyticsBreakdownStore } from './analytics-breakdowns.js';
import type { Database } from './db.js';

const T = Date.parse('2026-03-10T10:00:00Z');
const at = (ms: number) => new Date(T + ms).toISOString();
const DAY = 86_400_000;
const json = (v: object | undefined) => (v ? JSON.stringify(v) : null);

/** A message: role ('note' is a person's internal note), text, routed agent and confidence, ms after the conversation began, meta. */
type Msg = [
  role: string,
  text: string,
  agent: string | null,
  confidence: number | null,
  afterMs: number,
  extra?: object,
];

/** Known rows: four conversations in the period (one without messages), one before it. */
async function seed(db: Database): Promise<void> {
  const conversation = async (id: string, createdMs: number, attrs: { signed?: object; visitor?: object } = {}) =>
    db.query(
      'INSERT INTO conversations (id, visitor_id, created_at, signed_attributes, visitor_attributes) VALUES ($1, $2, $3, $4, $5)',
      [id, `v_${id}`, at(createdMs), json(attrs.signed), json(attrs.visitor)],
    );
  const messages = async (c: string, createdMs: number, list: Msg[]) => {
    for (const [i, [role, text, agent, confidence, afterMs, extra]] of list.entries())
      await db.query(
        `INSERT INTO messages (id, conversation_id, seq, role, text, agent, confidence, meta, internal, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          `${c}_${i + 1}`,
          c,
          i + 1,
          role === 'note' ? 'human' : role,
          text,
          agent,
          confidence,
          json(extra),
          role === 'note',
          at(createdMs + afterMs),
        ],
      );
  };
  await conversation('c1', 0, { signed: { plan: 'enterprise', seats: 10 } });
  await messages('c1', 0, [
    ['customer', 'reset my password', 'technical', 0.95, 0],
    ['ai', 'Here is how.', 'technical', 0.95, 2_000, { replyTo: 'c1_1' }],
    // An internal note answers nobody: the person's reply after it does.
    ['note', 'checking', null, null, 3_000],
    ['customer', 'still fails', 'technical', 0.95, 10_000],
    ['human', 'Fixed it.', null, null, 40_000],
  ]);
  await conversation('c2', DAY, { signed: { plan: 'free' }, visitor: { plan: 'enterprise' } });
  await messages('c2', DAY, [
    ['customer', 'refund for an unknown order', 'billing', 0.55, 0],
    ['ai', 'Not found.', 'billing', 0.55, 2_000, { replyTo: 'c2_1', gap: true }],
  ]);
  await conversation('c3', DAY + 3_600_000, { visitor: { plan: 'enterprise' } });
  await messages('c3', DAY + 3_600_000, [
    ['customer', 'hello', 'billing', 1, 0],
    ['ai', 'Hello!', 'billing', 1, 4_000, { replyTo: 'c3_1' }],
  ]);
  await conversation('c5', 60_000);
  await conversation('c_before', -5 * DAY);
  await messages('c_before', -5 * DAY, [['customer', 'old', 'general', 0.2, 0]]);
  await db.exec(`
    INSERT INTO conversation_events (conversation_id, type, data) VALUES
      ('c2', 'escalated', '{"reason":"no-answer"}'), ('c3', 'escalated', NULL), ('c3', 'taken', NULL),
      ('c_before', 'escalated', '{"reason":"explicit-human"}');
    INSERT INTO feedback (message_id, conversation_id, helpful) VALUES ('c1_2', 'c1', true), ('c3_2', 'c3', false);
    INSERT INTO csat (conversation_id, closed_at, rating) VALUES ('c1', now(), 5), ('c2', now(), 2), ('c_before', now(), 1);
    INSERT INTO conversation_labels (conversation_id, label, source) VALUES
      ('c1', 'technical', 'rule'), ('c2', 'billing', 'rule'), ('c2', 'vip', 'removed'), ('c_before', 'old', 'staff');
  `);
}

/** The analytics report's SQL (`AnalyticsStore`, `AnalyticsBreakdownStore`) on every backend; run against PGlite and PostgreSQL. */
export function analyticsContract(open: () => Promise<Database>): void {
  const period: AnalyticsScope = { from: new Date(T - 3_600_000), to: new Date(T + 2 * DAY) };
  const withStores =
    (fn: (figures: AnalyticsStore, breakdowns: AnalyticsBreakdownStore) => Promise<void>) => async () => {
      const db = await open();
      await seed(db);
      await fn(new AnalyticsStore(db), new AnalyticsBreakdownStore(db));
    };

  it(
    'counts the figures of the conversations created in the period',
    withStores(async (figures, breakdowns) => {
      expect(await figures.totals(period)).toEqual({
        conversations: 4,
        messages: 8,
        customerMessages: 4,
        escalated: 2,
        resolved: 1,
        helpful: 1,
        unhelpful: 1,
      });
      const times = await figures.responseTimes(period);
      expect(times.avgAi).toBeCloseTo(8 / 3, 3);
      expect(times.firstAi).toBeCloseTo(8 / 3, 3);
      expect(times.avgHuman).toBeCloseTo(30, 3);
      expect(times.firstHuman).toBeNull();
      expect(await figures.csat(period)).toEqual({ average: 3.5, ratings: 2 });
      expect(await breakdowns.perDay(period)).toEqual([
        { day: '2026-03-10', conversations: 2, messages: 4, escalated: 0 },
        { day: '2026-03-11', conversations: 2, messages: 4, escalated: 2 },
      ]);
      const agents = await breakdowns.perAgent(period);
      expect(agents).toMatchObject([
        { agent: 'billing', messages: 2, helpful: 0, unhelpful: 1 },
        { agent: 'technical', messages: 1, helpful: 1, unhelpful: 0 },
      ]);
      expect(agents[0].averageConfidence).toBeCloseTo(0.775, 5);
      const reasons = await breakdowns.escalationReasons(period);
      expect(reasons.sort((a, b) => a.reason.localeCompare(b.reason))).toEqual([
        { reason: 'no-answer', count: 1 },
        { reason: 'unknown', count: 1 },
      ]);
      // 1.0 falls in the top bucket.
      expect(await breakdowns.confidenceBuckets(period)).toEqual([
        { bucket: 5, count: 1 },
        { bucket: 9, count: 3 },
      ]);
      expect(await breakdowns.busiestHours(period)).toEqual([
        { hour: 10, messages: 3 },
        { hour: 11, messages: 1 },
      ]);
      expect(await breakdowns.gapQuestions(period)).toEqual(['refund for an unknown order']);
      expect(await breakdowns.labels(period)).toEqual([
        { label: 'billing', conversations: 1 },
        { label: 'technical', conversations: 1 },
      ]);
    }),
  );

  it(
    'filters by agent (routed there at least once) and by attributes, signed ones winning, values as text',
    withStores(async (figures, breakdowns) => {
      const billing = { ...period, agent: 'billing' };
      expect((await figures.totals(billing)).conversations).toBe(2);
      expect((await breakdowns.perAgent(billing)).map((r) => r.agent)).toEqual(['billing']);
      expect(await breakdowns.confidenceBuckets(billing)).toEqual([
        { bucket: 5, count: 1 },
        { bucket: 9, count: 1 },
      ]);
      const enterprise = { ...period, attributes: { plan: 'enterprise' } };
      expect((await figures.totals(enterprise)).conversations).toBe(2);
      expect(
        (await figures.totals({ ...enterprise, attributes: { plan: 'enterprise', seats: '10' } })).conversations,
      ).toBe(1);
      // The agent's $3 and the attribute parameters together.
      expect(await breakdowns.perDay({ ...enterprise, agent: 'billing' })).toEqual([
        { day: '2026-03-11', conversations: 1, messages: 2, escalated: 1 },
      ]);
    }),
  );

  it(
    'takes `from` inclusive and `to` exclusive',
    withStores(async (figures) => {
      expect((await figures.totals({ from: new Date(T), to: new Date(T + DAY) })).conversations).toBe(2);
      expect((await figures.totals({ from: new Date(T + DAY), to: new Date(T + DAY + 1) })).conversations).toBe(1);
    }),
  );

  it(
    'answers an empty period with zeros, nulls and empty lists',
    withStores(async (figures, breakdowns) => {
      const empty = { from: new Date(T + 10 * DAY), to: new Date(T + 11 * DAY), agent: 'billing' };
      expect(await figures.totals(empty)).toEqual({
        conversations: 0,
        messages: 0,
        customerMessages: 0,
        escalated: 0,
        resolved: 0,
        helpful: 0,
        unhelpful: 0,
      });
      expect(await figures.responseTimes(empty)).toEqual({
        avgAi: null,
        avgHuman: null,
        firstAi: null,
        firstHuman: null,
      });
      expect(await figures.csat(empty)).toEqual({ average: null, ratings: 0 });
      for (const list of await Promise.all([
        breakdowns.perDay(empty),
        breakdowns.perAgent(empty),
        breakdowns.escalationReasons(empty),
        breakdowns.confidenceBuckets(empty),
        breakdowns.busiestHours(empty),
        breakdowns.gapQuestions(empty),
        breakdowns.labels(empty),
      ]))
        expect(list).toEqual([]);
    }),
  );
}
