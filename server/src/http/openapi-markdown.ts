// docs/api.md is this rendering of the OpenAPI document the server serves at /api/openapi.json (`npm run docs:api`;
// openapi-markdown.test.ts fails when the file is out of date), so the docs cannot drift from the routes either.

/** The parts of a JSON Schema (as zod-to-openapi writes them) that the rendering reads. */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  description?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  default?: unknown;
}
interface Operation {
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  info: { title: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

const limits = (s: Schema): string => {
  const parts: string[] = [];
  const range = (lo?: number, hi?: number, unit = '') =>
    lo !== undefined && hi !== undefined
      ? `${lo}–${hi}${unit}`
      : lo !== undefined
        ? `≥ ${lo}${unit}`
        : `≤ ${hi}${unit}`;
  if (s.minimum !== undefined || s.maximum !== undefined) parts.push(range(s.minimum, s.maximum));
  if (s.minLength !== undefined || s.maxLength !== undefined) parts.push(range(s.minLength, s.maxLength, ' chars'));
  if (s.minItems !== undefined || s.maxItems !== undefined) parts.push(range(s.minItems, s.maxItems, ' items'));
  if (s.format) parts.push(s.format);
  return parts.length ? ` (${parts.join(', ')})` : '';
};

/** A JSON Schema as a compact TypeScript-like type, indented by `depth`. */
export function shapeOf(s: Schema | undefined, depth = 0): string {
  if (!s) return 'unknown';
  const pad = '  '.repeat(depth);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map((x) => shapeOf(x, depth)).join(' | ');
  if (s.allOf) return s.allOf.map((x) => shapeOf(x, depth)).join(' & ');
  const type = Array.isArray(s.type) ? s.type.filter((t) => t !== 'null') : s.type;
  const nullable = Array.isArray(s.type) && s.type.includes('null') ? ' | null' : '';
  if (type === 'array') return `Array<${shapeOf(s.items, depth)}>${limits(s)}${nullable}`;
  if (type === 'object' || s.properties) {
    const entries = Object.entries(s.properties ?? {});
    if (!entries.length)
      return typeof s.additionalProperties === 'object'
        ? `Record<string, ${shapeOf(s.additionalProperties, depth)}>`
        : 'object';
    const lines = entries.map(([k, v]) => {
      const opt = s.required?.includes(k) ? '' : '?';
      const note = v.description ? ` // ${v.description.replace(/\s+/g, ' ')}` : '';
      return `${pad}  ${k}${opt}: ${shapeOf(v, depth + 1)};${note}`;
    });
    return `{\n${lines.join('\n')}\n${pad}}${nullable}`;
  }
  return `${type ?? 'unknown'}${limits(s)}${nullable}`;
}

const cell = (t: string | undefined) => (t ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ');
const codeBlock = (body: string) => ['```ts', body, '```'];

/** One route's section. */
function operation(method: string, path: string, op: Operation): string[] {
  const out = [
    `### ${method.toUpperCase()} ${path}`,
    '',
    `${op.summary ?? ''}`,
    '',
    `**Who:** ${op.description ?? ''}`,
    '',
  ];
  if (op.parameters?.length) {
    out.push('| parameter | in | required | type | description |', '|---|---|---|---|---|');
    for (const p of op.parameters)
      out.push(
        `| \`${p.name}\` | ${p.in} | ${p.required ? 'yes' : 'no'} | ${cell(shapeOf(p.schema))} | ${cell(p.description)} |`,
      );
    out.push('');
  }
  for (const [type, { schema }] of Object.entries(op.requestBody?.content ?? {}))
    out.push(
      `**Request body** (\`${type}\`):`,
      '',
      ...(type === 'application/json' ? codeBlock(shapeOf(schema)) : [schema.description ?? '']),
      '',
    );
  const ok = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
  for (const [status, r] of ok) {
    const schema = r.content?.['application/json']?.schema;
    out.push(`**Response ${status}:** ${r.description}`, '', ...(schema ? [...codeBlock(shapeOf(schema)), ''] : []));
  }
  const errors = Object.entries(op.responses).filter(([status]) => !status.startsWith('2'));
  if (errors.length) {
    out.push('| error status | codes |', '|---|---|');
    for (const [status, r] of errors) out.push(`| ${status} | ${cell(r.description)} |`);
    out.push('');
  }
  return out;
}

/** The OpenAPI document as Markdown: every route by tag, with parameters, bodies, answers and error codes. */
export function openApiMarkdown(doc: Document): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const tag = path.split('/')[2] ?? 'api';
      byTag.set(tag, [...(byTag.get(tag) ?? []), ...operation(method, path, op)]);
    }
  const out = [
    `# ${doc.info.title}`,
    '',
    '<!-- Generated by `npm run docs:api` from the OpenAPI description served at /api/openapi.json. Do not edit. -->',
    '',
    doc.info.description ?? '',
    'Every error answer is `{ "error": { "code", "message", "field"?, "retryAfter"? } }` with a code from the catalogue',
    '(`widget/src/protocol/errors.ts`); any route may also answer 500 `internal`.',
    '',
    ...[...byTag.keys()].map((t) => `- [${t}](#${t.toLowerCase().replace(/[^\w-]/g, '')})`),
    '',
  ];
  for (const [tag, lines] of byTag) out.push(`## ${tag}`, '', ...lines);
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** Where the rendering is kept (repository root `docs/api.md`). */
export const API_DOCS_FILE = new URL('../../../docs/api.md', import.meta.url).pathname;
