import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { AppError } from '../util/errors.js';
import { loadRouterConfig } from './config.js';

export interface TrainResult {
  added: Record<string, number>;
  duplicates: number;
  skipped: Array<{ line: number; reason: string }>;
  out: string;
}

const norm = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Add labelled examples `{ text, agent }` to an owner's router config file (created when missing), skipping
 * duplicates and rows for unknown agents. Agents that only exist in the defaults get an override entry.
 */
export function trainRouter(rowsText: string, options: { config?: string; out: string }): TrainResult {
  // A --config that does not exist yet is created from the defaults.
  const source = options.config && existsSync(options.config) ? options.config : undefined;
  const known = new Map(loadRouterConfig(source).agents.map((a) => [a.name, a]));
  const raw = source ? readFileSync(source, 'utf8') : '';
  const own = (source ? (/\.ya?ml$/i.test(source) ? parseYaml(raw) : JSON.parse(raw)) : {}) as { agents?: Array<{ name: string; examples: string[] }> } & Record<string, unknown>;
  own.agents ??= [];
  const result: TrainResult = { added: {}, duplicates: 0, skipped: [], out: options.out };
  rowsText.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: { text?: unknown; agent?: unknown };
    try {
      row = JSON.parse(line);
    } catch {
      return result.skipped.push({ line: i + 1, reason: 'not JSON' });
    }
    if (typeof row.text !== 'string' || !row.text.trim() || typeof row.agent !== 'string') return result.skipped.push({ line: i + 1, reason: 'needs "text" and "agent"' });
    const base = known.get(row.agent);
    if (!base) return result.skipped.push({ line: i + 1, reason: `unknown agent "${row.agent}"` });
    let entry = own.agents!.find((a) => a.name === row.agent);
    if (!entry) {
      entry = { ...base, examples: [...base.examples] };
      own.agents!.push(entry);
    }
    if (entry.examples.some((e) => norm(e) === norm(row.text as string))) {
      result.duplicates++;
      return;
    }
    entry.examples.push((row.text as string).trim());
    result.added[row.agent] = (result.added[row.agent] ?? 0) + 1;
  });
  const text = /\.ya?ml$/i.test(options.out) ? toYaml(own) : `${JSON.stringify(own, null, 2)}\n`;
  writeFileSync(options.out, text);
  // Validate what we wrote, so a bad file never reaches `serve`.
  try {
    loadRouterConfig(options.out);
  } catch (err) {
    throw new AppError('invalid_config', `the trained config does not validate: ${(err as Error).message}`);
  }
  return result;
}
