import { describe, expect, it } from 'vitest';
import { parseHtml } from './html.js';

describe('parseHtml', () => {
  it('drops navigation, scripts and footers, keeps headings as sections', () => {
    const html = `<!doctype html><html><head><title>Acme | Data export</title>
<meta name="keywords" content="export, data"><meta name="switchboard:collection" content="general">
<link rel="canonical" href="https://help.example.com/export"><script>var tracking = 1;</script><style>p{}</style></head>
<body><nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav>
<main><h1>Export your data</h1><p>You can export everything.</p>
<h2>Formats</h2><ul><li>CSV</li><li>JSON</li></ul>
<h3>Limits</h3><p>One export per day.</p></main>
<footer>© Acme</footer><script>alert(1)</script></body></html>`;
    const d = parseHtml(html, { id: 'export', collection: 'technical', source: 'export.html' });
    expect(d).toMatchObject({
      id: 'export',
      title: 'Export your data',
      url: 'https://help.example.com/export',
      collection: 'general',
      tags: ['export', 'data'],
    });
    expect(d.sections).toEqual([
      { heading: '', text: 'You can export everything.' },
      { heading: 'Formats', text: 'CSV JSON' },
      { heading: 'Formats > Limits', text: 'One export per day.' },
    ]);
    const all = JSON.stringify(d);
    for (const junk of ['tracking', 'alert', 'Pricing', '© Acme']) expect(all).not.toContain(junk);
  });

  it('uses <title> when there is no h1', () => {
    expect(
      parseHtml('<html><head><title>Plain page</title></head><body><p>Hi there.</p></body></html>', {
        id: 'p',
        collection: 'general',
        source: 'p.html',
      }).title,
    ).toBe('Plain page');
  });
});
