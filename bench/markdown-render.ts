// Times the widget's Markdown renderer on hostile inputs (runs of `[`, unclosed links, marks, backticks) of 10–100 KB.
// Linear means 10× the input costs about 10× the time; the quadratic renderer took seconds at 100 KB.
import { Markdown } from '../widget/src/ui/markdown.js';

const SHAPES: Record<string, (n: number) => string> = {
  'brackets [[[': (n) => '['.repeat(n),
  'unclosed labels [a[a': (n) => '[a'.repeat(n / 2),
  'unclosed links [a](b': (n) => '[a](b'.repeat(n / 5),
  'stars *a*a': (n) => '*a'.repeat(n / 2),
  'backticks `a`a': (n) => '`a'.repeat(n / 2),
  'prose with links': (n) => 'see [the docs](https://example.com/docs) and **this** '.repeat(n / 52),
};

function time(text: string): number {
  const t0 = performance.now();
  Markdown({ text });
  return performance.now() - t0;
}

const rows: Array<Record<string, string | number>> = [];
for (const [name, make] of Object.entries(SHAPES)) {
  const row: Record<string, string | number> = { input: name };
  for (const kb of [10, 50, 100]) {
    const text = make(kb * 1024);
    time(text); // warm-up
    row[`${kb} KB (ms)`] = Math.round(Math.min(time(text), time(text)) * 10) / 10;
  }
  rows.push(row);
}
console.table(rows);
console.log(JSON.stringify({ markdown_render_ms: rows }));
