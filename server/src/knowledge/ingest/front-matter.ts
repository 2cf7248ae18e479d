import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';

const BLOCK = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Front matter and body of a Markdown file. Authors write `title: Changes: names and dates` without quotes, which is
 * not valid YAML; rather than skipping the article, such a block is read line by line (`key: rest of the line`).
 * @example readFrontMatter('---\ntitle: A: b\n---\nText').data.title === 'A: b'
 */
export function readFrontMatter(content: string): { data: Record<string, unknown>; content: string; lenient: boolean } {
  try {
    const { data, content: body } = matter(content);
    return { data, content: body, lenient: false };
  } catch {
    const m = BLOCK.exec(content);
    if (!m) throw new Error('front matter is not valid YAML');
    const data: Record<string, unknown> = {};
    for (const line of m[1].split(/\r?\n/)) {
      const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
      if (!kv) continue;
      data[kv[1]] = lineValue(kv[2]);
    }
    return { data, content: content.slice(m[0].length), lenient: true };
  }
}

// One value as YAML when it parses to a scalar or a list (`[a, b]`, numbers, quoted strings), else the raw text:
// `names: dates` on one line is the author's colon, not a nested map.
function lineValue(raw: string): unknown {
  try {
    const v: unknown = parseYaml(raw);
    if (v === null) return '';
    return typeof v === 'object' && !Array.isArray(v) ? raw.trim() : v;
  } catch {
    return raw.trim();
  }
}
