import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';

/** How a team picks among its online members with room. */
export const strategySchema = z.enum(['round-robin', 'least-busy']);
export type AssignmentStrategy = z.infer<typeof strategySchema>;

/** A team member: the staff member's e-mail (their sign-in name), optionally with their own capacity. */
const memberSchema = z.union([
  z.string().min(3).max(320),
  z.object({ email: z.string().min(3).max(320), capacity: z.number().int().min(0).max(1000).optional() }).strict(),
]);

/** A team: members, the agents (`billing`) and topics (`billing/refunds`) it owns, and optionally its own strategy. */
export const teamSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9_.:-]{1,40}$/, 'lower-case letters, digits and _ . : - (1-40)'),
    members: z.array(memberSchema).default([]),
    agents: z.array(z.string().min(1).max(40)).default([]),
    topics: z.array(z.string().min(1).max(100)).default([]),
    strategy: strategySchema.optional(),
  })
  .strict();

/** A rule on the customer's custom attributes: `{ "attribute": "plan", "equals": "enterprise", "team": "vip" }`. */
export const ruleSchema = z
  .object({
    attribute: z.string().min(1).max(100),
    equals: z.union([z.string(), z.number(), z.boolean()]),
    team: z.string().min(1).max(40),
    /** Also match attributes the page set with `setAttributes` (not verified); default only signed ones. */
    unverified: z.boolean().default(false),
  })
  .strict();

/** The assignment settings file (`--assignment`): teams, attribute rules and the default team. */
export const assignmentSchema = z
  .object({
    strategy: strategySchema.default('round-robin'),
    /** Open conversations one person holds at most (default 5); a member's own `capacity` wins. */
    capacity: z.number().int().min(0).max(1000).default(5),
    /** Team of conversations no rule or owned agent places; absent = every online staff member. */
    defaultTeam: z.string().min(1).max(40).optional(),
    /** How long an assignee may be offline before their conversations go to someone else (ms; a page reload is shorter). */
    graceMs: z.number().int().min(0).default(30_000),
    /** How often each node re-checks the queue and offline assignees (ms). */
    sweepMs: z.number().int().min(100).default(15_000),
    teams: z.array(teamSchema).default([]),
    rules: z.array(ruleSchema).default([]),
  })
  .strict()
  .superRefine((a, ctx) => {
    const names = new Set(a.teams.map((t) => t.name));
    if (names.size !== a.teams.length)
      ctx.addIssue({ code: 'custom', message: 'team names must be unique', path: ['teams'] });
    if (a.defaultTeam && !names.has(a.defaultTeam))
      ctx.addIssue({ code: 'custom', message: `defaultTeam "${a.defaultTeam}" is not a team`, path: ['defaultTeam'] });
    a.rules.forEach((r, i) => {
      if (!names.has(r.team))
        ctx.addIssue({ code: 'custom', message: `team "${r.team}" is not a team`, path: ['rules', i, 'team'] });
    });
  });

/** Validated assignment settings. */
export type AssignmentConfig = z.infer<typeof assignmentSchema>;
/** Assignment settings as written (defaults optional). */
export type AssignmentInput = z.input<typeof assignmentSchema>;

/** Read and validate an assignment file (JSON or YAML); throws an Error naming the file and every problem. */
export function loadAssignmentFile(path: string): AssignmentConfig {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new Error(`assignment file ${resolve(path)}: ${(err as Error).message}`);
  }
  return parseAssignment(raw, resolve(path));
}

/** Validate assignment settings given in code or read from a file. */
export function parseAssignment(raw: unknown, where = 'assignment'): AssignmentConfig {
  const r = assignmentSchema.safeParse(raw);
  if (r.success) return r.data;
  throw new Error(
    `${where}: ${r.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ')}`,
  );
}

/** The `assignment` setting: a file path (JSON or YAML), settings given in code, or nothing (people take conversations themselves). */
export function resolveAssignment(setting: string | Record<string, unknown> | undefined): AssignmentConfig | undefined {
  if (setting === undefined) return undefined;
  return typeof setting === 'string' ? loadAssignmentFile(setting) : parseAssignment(setting);
}
