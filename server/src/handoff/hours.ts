import { AppError } from '../util/errors.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Opening minutes per weekday (0 = Sunday): half-open [start, end) ranges in minutes since local midnight. */
export type Schedule = Array<Array<[number, number]>>;

/** Business hours: a parsed schedule in a time zone. `schedule` undefined means always open. */
export interface BusinessHours {
  schedule?: Schedule;
  timeZone: string;
  /** The text it was parsed from, for display. */
  spec?: string;
}

function dayIndex(name: string, spec: string): number {
  const i = DAYS.indexOf(name.slice(0, 3).toLowerCase() as (typeof DAYS)[number]);
  if (i < 0) throw new AppError('invalid_config', `businessHours: unknown day "${name}" in "${spec}"`);
  return i;
}

function minutes(hhmm: string, spec: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  const value = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || value > 24 * 60)
    throw new AppError('invalid_config', `businessHours: bad time "${hhmm}" in "${spec}"`);
  return value;
}

function days(part: string, spec: string): number[] {
  const out: number[] = [];
  for (const item of part.split(',')) {
    const [from, to] = item.split('-');
    if (!to) {
      out.push(dayIndex(from, spec));
      continue;
    }
    // Ranges wrap around the week: `fri-mon` is Friday to Monday.
    for (let d = dayIndex(from, spec), end = dayIndex(to, spec), n = 0; n < 7; d = (d + 1) % 7, n++) {
      out.push(d);
      if (d === end) break;
    }
  }
  return out;
}

/**
 * Parse a schedule like `mon-fri 09:00-17:00; sat 10:00-14:00` (rules separated by `;`, days as ranges or
 * comma lists, several time ranges per rule comma-separated, `22:00-02:00` crosses midnight). Empty or `24/7` = always.
 */
export function parseSchedule(spec: string | undefined): Schedule | undefined {
  const text = spec?.trim();
  if (!text || text === '24/7') return undefined;
  const schedule: Schedule = DAYS.map(() => []);
  for (const rule of text
    .split(';')
    .map((r) => r.trim())
    .filter(Boolean)) {
    const m = /^(\S+)\s+(.+)$/.exec(rule);
    if (!m) throw new AppError('invalid_config', `businessHours: expected "<days> <HH:MM-HH:MM>" in "${rule}"`);
    for (const day of days(m[1], spec!)) {
      for (const range of m[2].split(',').map((r) => r.trim())) {
        const [a, b] = range.split('-');
        if (!b) throw new AppError('invalid_config', `businessHours: bad time range "${range}" in "${spec}"`);
        const start = minutes(a, spec!);
        const end = minutes(b, spec!);
        if (end > start) schedule[day].push([start, end]);
        else {
          schedule[day].push([start, 24 * 60]);
          schedule[(day + 1) % 7].push([0, end]);
        }
      }
    }
  }
  return schedule;
}

/** Throw `invalid_config` unless `timeZone` is an IANA zone this runtime knows. */
export function checkTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    throw new AppError('invalid_config', `timeZone: unknown time zone "${timeZone}"`);
  }
}

/** Weekday (0 = Sunday) and minutes since midnight of `date` in `timeZone`. */
export function localTime(date: Date, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: dayIndex(get('weekday'), 'Intl'), minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Whether the business is open at `date`. @example isOpen(businessHours('mon-fri 09:00-17:00', 'Europe/Berlin')) */
export function isOpen(hours: BusinessHours, date: Date = new Date()): boolean {
  if (!hours.schedule) return true;
  const { day, minute } = localTime(date, hours.timeZone);
  return hours.schedule[day].some(([start, end]) => minute >= start && minute < end);
}

/** Parse and check business hours from configuration. */
export function businessHours(spec: string | undefined, timeZone = 'UTC'): BusinessHours {
  return { schedule: parseSchedule(spec), timeZone: checkTimeZone(timeZone), spec: spec?.trim() || undefined };
}
