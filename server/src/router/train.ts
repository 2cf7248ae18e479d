import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { AppError } from '../util/errors.js';
import { loadRouterConfig, type RouterConfig } from './config.js';

/** One labelled row: an agent, a topic, or both (`human` means an off-topic example). */
export interface TrainingRow {
  text: string;
  agent?: string;
  topic?: string;
  line: number;
}

export interface TrainResult {
  added: Record<string, number>;
  duplicates: number;
  skipped: Array<{ line: number; reason: string }>;
  out: string;
}

const norm = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/** Parse JSONL rows `{ text, agent?, topic? }`; lines that are not JSON come back as skipped. */
export function parseJsonlRows(text: string): { rows: TrainingRow[]; skipped: TrainResult['skipped'] } {
  const rows: TrainingRow[] = [];
  const skipped: TrainResult['skipped'] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const r = JSON.parse(line) as { text?: unknown; agent?: unknown; topic?: unknown };
      rows.push({
        text: typeof r.text === 'string' ? r.text : '',
        agent: typeof r.agent === 'string' ? r.agent : undefined,
        topic: typeof r.topic === 'string' ? r.topic : undefined,
        line: i + 1,
      });
    } catch {
      skipped.push({ line: i + 1, reason: 'not JSON' });
    }
  });
  return { rows, skipped };
}

/**
 * Parse another help desk's CSV export: the text is `subject` and `description` (or `text`/`body`/`message`), the
 * label is `category` (or `topic`/`agent`), mapped to agents with `map` (`{ "Billing questions": "billing" }`).
 * An unmapped category becomes a topic whose agent must be known from the configuration.
 */
export function parseCsvRows(text: string, map: Record<string, string> = {}): TrainingRow[] {
  const records = parseCsv(text, {
    columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
  }) as Array<Record<string, string>>;
  const col = (r: Record<string, string>, names: string[]) => names.map((n) => r[n]?.trim()).find((v) => v);
  return records.map((r, i) => {
    const body = [col(r, ['subject', 'title']), col(r, ['description', 'text', 'body', 'message', 'question'])]
      .filter(Boolean)
      .join(' — ');
    const label = col(r, ['category', 'topic', 'agent', 'type', 'tag']);
    const mapped = label !== undefined ? (map[label] ?? map[label.toLowerCase()]) : undefined;
    return { text: body, agent: mapped, topic: mapped ? slug(label!) : label && slug(label), line: i + 2 };
  });
}

const slug = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'topic';

type OwnFile = {
  agents?: Array<
    { name: string; examples?: string[]; topics?: Array<{ name: string; examples: string[] }> } & Record<
      string,
      unknown
    >
  >;
  human?: { outOfScope?: string[] } & Record<string, unknown>;
  routing?: Record<string, unknown>;
} & Record<string, unknown>;

/**
 * Add labelled rows to an owner's router config file (created when missing): a row with a topic joins that topic,
 * a row with only an agent joins the agent's own examples, `human` rows become off-topic examples. Duplicates (of
 * any configured example, or of each other) and rows for unknown agents or topics are skipped. The file is switched
 * to `routing.method: auto` unless it chose a method, so the owner's examples outweigh the shipped ones.
 */
export function trainRouter(
  rowsOrText: string | TrainingRow[],
  options: { config?: string; out: string },
): TrainResult {
  const source = options.config && existsSync(options.config) ? options.config : undefined;
  const config = loadRouterConfig(source);
  const parsed = typeof rowsOrText === 'string' ? parseJsonlRows(rowsOrText) : { rows: rowsOrText, skipped: [] };
  const raw = source ? readFileSync(source, 'utf8') : '';
  const own = (source ? (/\.ya?ml$/i.test(source) ? parseYaml(raw) : JSON.parse(raw)) : {}) as OwnFile;
  own.agents ??= [];
  const result: TrainResult = { added: {}, duplicates: 0, skipped: [...parsed.skipped], out: options.out };
  const seen = new Set(
    [
      ...config.agents.flatMap((a) => [...a.examples, ...a.topics.flatMap((t) => t.examples)]),
      ...config.human.outOfScope,
    ].map(norm),
  );
  for (const row of parsed.rows) {
    const text = row.text?.trim();
    if (!text || (!row.agent && !row.topic)) {
      result.skipped.push({ line: row.line, reason: 'needs "text" and an "agent" or "topic"' });
      continue;
    }
    const agent = row.agent ?? agentOfTopic(config, row.topic!);
    if (!agent || (agent !== 'human' && !config.agents.some((a) => a.name === agent))) {
      result.skipped.push({
        line: row.line,
        reason: row.agent ? `unknown agent "${row.agent}"` : `unknown topic "${row.topic}" (map it to an agent)`,
      });
      continue;
    }
    if (seen.has(norm(text))) {
      result.duplicates++;
      continue;
    }
    seen.add(norm(text));
    addRow(own, config, agent, row.topic, text);
    const key = row.topic ? `${agent}/${row.topic}` : agent;
    result.added[key] = (result.added[key] ?? 0) + 1;
  }
  own.routing = { method: 'auto', ...own.routing };
  const text = /\.ya?ml$/i.test(options.out) ? toYaml(own) : `${JSON.stringify(own, null, 2)}\n`;
  writeFileSync(options.out, text);
  // Validate what we wrote, so a bad file never reaches `serve`.
  try {
    loadRouterConfig(options.out);
  } catch (err) {
    throw new AppError('invalid_config', `the trained config does not validate: ${(err as Error).message}`);
  }
  result.skipped.sort((a, b) => a.line - b.line);
  return result;
}

function agentOfTopic(config: RouterConfig, topic: string): string | undefined {
  return config.agents.find((a) => a.topics.some((t) => t.name === topic))?.name;
}

function addRow(own: OwnFile, config: RouterConfig, agent: string, topic: string | undefined, text: string): void {
  if (agent === 'human') {
    own.human ??= {};
    own.human.outOfScope = [...(own.human.outOfScope ?? []), text];
    return;
  }
  let entry = own.agents!.find((a) => a.name === agent);
  if (!entry) {
    // An override of a shipped agent: its settings, none of its examples (the shipped topics stay as generic ones).
    const { examples: _e, topics: _t, ...settings } = config.agents.find((a) => a.name === agent)!;
    entry = { ...settings, examples: [], topics: [] };
    own.agents!.push(entry);
  }
  if (!topic) {
    entry.examples = [...(entry.examples ?? []), text];
    return;
  }
  entry.topics ??= [];
  let t = entry.topics.find((x) => x.name === topic);
  if (!t) entry.topics.push((t = { name: topic, examples: [] }));
  t.examples.push(text);
}
