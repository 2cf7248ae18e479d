import type { Chunk } from './types.js';

/** One answer unit: a sentence, a list with its lead-in, a numbered procedure, a table row with its header, or a small table. */
export interface AnswerUnit {
  text: string;
  /** Position in its section, 0 = first. */
  index: number;
  kind: 'sentence' | 'list' | 'row' | 'table';
}

/** Tables up to this many rows are also a unit as a whole, for the question that names no row ("how much is PT?"). */
export const WHOLE_TABLE_ROWS = 6;

const LIST_ITEM = /^([-*+•]|\d{1,2}[.)])\s+/;
const TABLE_ROW = /^\|.*\|$/;
const TABLE_RULE = /^\|?[\s:|-]+\|?$/;
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Sentences of a paragraph by `Intl.Segmenter`, which keeps "7.5-tonne", "€49.99", "help@pulse.ie" and
 * "pulse.ie/cancel" whole; a piece without a letter or digit ("1.") is glued to its neighbour.
 */
export function sentences(paragraph: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(paragraph)) {
    const s = segment.trim();
    if (!s) continue;
    // A lone "1." or an abbreviation that ICU ended a sentence at is never a unit of its own.
    if (out.length && (!/[\p{L}]{2}/u.test(s) || /\b(e\.g|i\.e|approx|incl|no|vs|etc)\.$/i.test(out.at(-1)!)))
      out[out.length - 1] += ` ${s}`;
    else out.push(s);
  }
  return out;
}

const cells = (row: string) =>
  row
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/** A table row read with its header: "Club: Galway; Saturday–Sunday: 08:00–20:00". */
function tableRow(header: string[] | undefined, row: string): string {
  const values = cells(row);
  if (!header) return values.filter(Boolean).join(' · ');
  return values
    .map((v, i) => (header[i] ? `${header[i]}: ${v}` : v))
    .filter((v) => v && !/:\s*$/.test(v))
    .join('; ');
}

/**
 * Split a section's text (line breaks kept) into answer units by Markdown structure and sentences: a list (bulleted
 * or numbered) stays whole and takes the sentence that leads into it; each table row carries the table's header.
 */
export function answerUnits(text: string): AnswerUnit[] {
  const units: AnswerUnit[] = [];
  const push = (t: string, kind: AnswerUnit['kind']) =>
    t.trim() && units.push({ text: t.trim(), index: units.length, kind });
  const lines = text.split('\n').map((l) => l.trim());
  let paragraph: string[] = [];
  const flushParagraph = () => {
    for (const s of sentences(paragraph.join(' '))) push(s, 'sentence');
    paragraph = [];
  };
  for (let i = 0; i < lines.length;) {
    const line = lines[i];
    if (!line) {
      flushParagraph();
      i++;
    } else if (LIST_ITEM.test(line)) {
      flushParagraph();
      const items: string[] = [];
      // Chunk text keeps line breaks but not blank lines, so a line without a marker ends the list.
      while (i < lines.length && LIST_ITEM.test(lines[i])) items.push(lines[i++]);
      // The lead-in sentence ("You can cancel in any of these ways:") goes with its list.
      const lead = units.at(-1)?.kind === 'sentence' && /[:：]$/.test(units.at(-1)!.text) ? units.pop()!.text : '';
      push([lead, ...items].filter(Boolean).join('\n'), 'list');
    } else if (TABLE_ROW.test(line)) {
      flushParagraph();
      const rows: string[] = [];
      while (i < lines.length && TABLE_ROW.test(lines[i])) rows.push(lines[i++]);
      const hasHeader = rows.length > 1 && TABLE_RULE.test(rows[1]);
      const header = hasHeader ? cells(rows[0]) : undefined;
      const body = rows.slice(hasHeader ? 2 : 0).filter((row) => !TABLE_RULE.test(row));
      // The whole table first, so a lead-in sentence ("Prices:") runs on into it rather than into one row.
      if (body.length > 1 && body.length <= WHOLE_TABLE_ROWS)
        push(body.map((row) => `- ${tableRow(header, row)}`).join('\n'), 'table');
      for (const row of body) push(tableRow(header, row), 'row');
    } else {
      paragraph.push(line);
      i++;
    }
  }
  flushParagraph();
  return units.map((u, index) => ({ ...u, index }));
}

/**
 * The whole text of the section a chunk belongs to, rebuilt from the document's chunks of that section: consecutive
 * windows overlap, so each next chunk contributes only what follows the longest overlap with the text so far.
 */
export function sectionText(documentChunks: Chunk[], chunk: Chunk): string {
  const ordered = documentChunks.filter((c) => c.heading === chunk.heading).sort((a, b) => order(a) - order(b));
  let text = '';
  for (const c of ordered) {
    if (!text) {
      text = c.text;
      continue;
    }
    const words = c.text.split(/(\s+)/);
    let skip = 0;
    // Try the longest overlap first (window overlaps are short, ~15 words).
    for (let n = Math.min(40, Math.floor((words.length + 1) / 2)); n > 0; n--) {
      const prefix = words
        .slice(0, 2 * n - 1)
        .join('')
        .replace(/\s+/g, ' ');
      if (text.replace(/\s+/g, ' ').endsWith(prefix)) {
        skip = 2 * n;
        break;
      }
    }
    text += (skip ? (words[skip - 1] ?? ' ') : '\n') + words.slice(skip).join('');
  }
  return text;
}

const order = (c: Chunk) => Number(c.id.slice(c.id.lastIndexOf('#') + 1)) || 0;
