#!/usr/bin/env node
// Consistency check for the conversation evaluation sets in eval/conversations/<set>/.
// Plain Node (no dependencies) so it runs before `npm ci` and in any CI step.
// Usage: node eval/check.mjs [set …]   (default: every folder under eval/conversations)
// Exit code 1 when any set has a problem; every problem is printed with the row id.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), 'conversations');
const EXPECT = new Set(['answer', 'human', 'clarify']);
const AGENTS = new Set(['technical', 'billing', 'general', 'human']);
const LANG_FOLDERS = new Set(['es', 'de', 'fr']);
const FIELDS = ['id', 'conversation', 'turn', 'text', 'expect', 'agent', 'articles', 'must', 'must_not', 'tags', 'why'];

/** Every Markdown file under dir, as paths relative to kbDir. */
function walk(dir, kbDir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, kbDir, out);
    else if (name.endsWith('.md')) out.push(relative(kbDir, p));
  }
  return out;
}

/** Split a Markdown file into its front matter (flat `key: value` lines) and body. */
function frontMatter(src) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(src);
  if (!m) return { data: {}, body: src };
  const data = {};
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (kv) data[kv[1]] = kv[2].replace(/^["']|["']$/g, '').trim();
  }
  return { data, body: src.slice(m[0].length) };
}

/** The text a reader (and an extractive reply) sees: Markdown marks, link targets and HTML removed. */
function plainText(md) {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|`)/g, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/<[^>]+>/g, ' ');
}

function checkSet(name) {
  const dir = join(ROOT, name);
  const kbDir = join(dir, 'kb');
  const problems = [];
  const bad = (where, msg) => problems.push(`${name}: ${where}: ${msg}`);

  // Help centre: every article has a title; translations say their language and point at an existing article.
  const articles = new Map();
  for (const file of walk(kbDir, kbDir)) {
    const id = file.slice(0, -3).split(sep).join('/');
    const src = readFileSync(join(kbDir, file), 'utf8');
    const { data, body } = frontMatter(src);
    if (!data.title) bad(id, 'front matter has no title:');
    const folder = id.split('/')[0];
    if (LANG_FOLDERS.has(folder) && data.lang !== folder) bad(id, `front matter lang: must be ${folder}`);
    if (!LANG_FOLDERS.has(folder) && data.lang && data.lang !== 'en') bad(id, `lang: ${data.lang} outside a language folder`);
    articles.set(id, { data, text: `${data.title ?? ''}\n${plainText(body)}`, raw: src });
  }
  for (const [id, a] of articles) {
    if (a.data.translation_of && !articles.has(a.data.translation_of)) bad(id, `translation_of ${a.data.translation_of} does not exist`);
  }
  if (articles.size < 15 || articles.size > 25) bad('kb', `${articles.size} articles (want 15-25)`);

  // Messages.
  const lines = readFileSync(join(dir, 'messages.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  const rows = [];
  lines.forEach((line, i) => {
    try {
      rows.push(JSON.parse(line));
    } catch (e) {
      bad(`line ${i + 1}`, `not JSON: ${e.message}`);
    }
  });
  const ids = new Set();
  const conversations = new Map();
  for (const r of rows) {
    const at = r.id ?? '(no id)';
    for (const f of FIELDS) if (!(f in r)) bad(at, `missing field ${f}`);
    for (const f of Object.keys(r)) if (!FIELDS.includes(f)) bad(at, `unknown field ${f}`);
    if (ids.has(r.id)) bad(at, 'duplicate id');
    ids.add(r.id);
    if (typeof r.text !== 'string' || !r.text.trim()) bad(at, 'empty text');
    if (!EXPECT.has(r.expect)) bad(at, `expect ${r.expect}`);
    if (!AGENTS.has(r.agent)) bad(at, `agent ${r.agent}`);
    if ((r.expect === 'human') !== (r.agent === 'human')) bad(at, 'agent is human exactly when expect is human');
    for (const f of ['articles', 'must', 'must_not', 'tags']) if (!Array.isArray(r[f])) bad(at, `${f} is not a list`);
    if (typeof r.why !== 'string' || !r.why.trim()) bad(at, 'empty why');
    if (!Number.isInteger(r.turn) || r.turn < 0) bad(at, `turn ${r.turn}`);
    if (r.conversation === null) {
      if (r.turn !== 0) bad(at, 'a single message has turn 0');
    } else if (typeof r.conversation === 'string') {
      if (!conversations.has(r.conversation)) conversations.set(r.conversation, []);
      conversations.get(r.conversation).push(r);
    } else bad(at, 'conversation is a string or null');

    const compiled = { must: [], must_not: [] };
    for (const f of ['must', 'must_not']) {
      for (const x of r[f] ?? []) {
        try {
          compiled[f].push([x, new RegExp(x, 'i')]);
        } catch (e) {
          bad(at, `${f} regex does not compile: ${x} (${e.message})`);
        }
      }
    }
    for (const a of r.articles ?? []) if (!articles.has(a)) bad(at, `article ${a} does not exist`);
    if (r.expect === 'answer') {
      if (!r.articles?.length) bad(at, 'an answer row cites no article');
      if (!r.must?.length) bad(at, 'an answer row has no must');
      const text = (r.articles ?? []).filter((a) => articles.has(a)).map((a) => articles.get(a).text).join('\n');
      const raw = (r.articles ?? []).filter((a) => articles.has(a)).map((a) => articles.get(a).raw).join('\n');
      for (const [x, re] of compiled.must) if (!re.test(text)) bad(at, `must /${x}/ is not in the cited articles`);
      for (const [x, re] of compiled.must_not) if (re.test(text) || re.test(raw)) bad(at, `must_not /${x}/ is in the cited articles`);
    } else {
      if (r.must?.length) bad(at, `${r.expect} rows have no must`);
      if (r.expect === 'clarify' && r.articles?.length) bad(at, 'clarify rows cite no article');
      if (r.expect === 'human' && !r.articles?.length) bad(at, 'a human row cites the policy that requires the handoff');
    }
  }
  for (const [c, turns] of conversations) {
    const sorted = turns.map((t) => t.turn).sort((a, b) => a - b);
    if (!sorted.every((t, i) => t === i)) bad(c, `turns are not consecutive from 0: ${sorted.join(',')}`);
    if (turns.length < 2 || turns.length > 4) bad(c, `${turns.length} turns (want 2-4)`);
    // Turn order in the file is the order they are sent.
    const inFile = turns.map((t) => t.turn);
    if (inFile.join() !== sorted.join()) bad(c, 'turns are not in order in the file');
  }

  const count = (f) => rows.filter(f).length;
  const langRows = count((r) => r.tags?.some((t) => /^lang-(es|de|fr)$/.test(t)));
  const followUps = count((r) => r.tags?.includes('follow-up'));
  const multi = [...conversations.values()];
  const stats = {
    articles: articles.size,
    messages: rows.length,
    answer: count((r) => r.expect === 'answer'),
    human: count((r) => r.expect === 'human'),
    clarify: count((r) => r.expect === 'clarify'),
    nonEnglish: langRows,
    conversations: multi.length,
    followUps,
  };
  if (rows.length < 150) bad('messages', `${rows.length} messages (want >= 150)`);
  if (langRows < 20) bad('messages', `${langRows} non-English messages (want >= 20)`);
  if (multi.length < 10) bad('messages', `${multi.length} multi-turn conversations (want >= 10)`);
  return { problems, stats };
}

const sets = process.argv.slice(2).length ? process.argv.slice(2) : readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, 'messages.jsonl'))).sort();
let failed = false;
for (const name of sets) {
  const { problems, stats } = checkSet(name);
  for (const p of problems) console.error(p);
  console.log(`${name}: ${problems.length ? `${problems.length} problem(s)` : 'ok'} ${JSON.stringify(stats)}`);
  if (problems.length) failed = true;
}
process.exit(failed ? 1 : 0);
