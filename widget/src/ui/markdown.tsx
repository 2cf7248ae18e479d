import { h, type ComponentChildren } from 'preact';

const SAFE_URL = /^(https?:|mailto:)/i;

/** Only http(s) and mailto links survive; everything else (javascript:, data:, vbscript:) becomes plain text. */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim().replace(/[\u0000-\u001F\u007F\s]+/g, '');
  return SAFE_URL.test(trimmed) ? trimmed : undefined;
}

/** Inline Markdown: `code`, **bold**, *italic*, [links](https://…) and bare URLs, as Preact nodes (never HTML). */
export function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  // Linear on hostile input: neither a label nor a link target may contain `[` (so a run of `[` or of unclosed links does
  // not rescan the rest of the text from each one) and every span is bounded, so a failed match costs at most its bound.
  const re =
    /`([^`]{1,1000})`|\*\*([^*]{1,1000})\*\*|\*([^*]{1,1000})\*|\[([^[\]]{1,500})\]\(([^)\s[\]]{1,2000})\)|(https?:\/\/[^\s<)]+)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(h('code', null, m[1]));
    else if (m[2] !== undefined) out.push(h('strong', null, inline(m[2])));
    else if (m[3] !== undefined) out.push(h('em', null, inline(m[3])));
    else {
      const label = m[4] ?? m[6];
      const href = safeHref(m[5] ?? m[6]);
      out.push(href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label) : m[0]);
    }
    last = re.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** A small Markdown subset (paragraphs, lists, code blocks, inline marks) rendered without innerHTML. */
export function Markdown({ text }: { text: string }) {
  const blocks: ComponentChildren[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length;) {
    const line = lines[i];
    if (/^```/.test(line)) {
      const code: string[] = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
      i++;
      blocks.push(h('pre', null, h('code', null, code.join('\n'))));
    } else if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: ComponentChildren[] = [];
      for (; i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i]); i++)
        items.push(h('li', null, inline(lines[i].replace(/^\s*([-*]|\d+\.)\s+/, ''))));
      blocks.push(h(ordered ? 'ol' : 'ul', null, items));
    } else if (!line.trim()) {
      i++;
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i].trim() && !/^```|^\s*([-*]|\d+\.)\s+/.test(lines[i]); i++)
        para.push(lines[i]);
      blocks.push(h('p', null, inline(para.join(' '))));
    }
  }
  // dir=auto: each message follows its own script, so English replies read correctly inside an Arabic widget.
  return h('div', { class: 'md', dir: 'auto' }, blocks);
}
