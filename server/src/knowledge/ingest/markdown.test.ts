import { describe, expect, it } from 'vitest';
import { markdownSections, parseMarkdown } from './markdown.js';

const fallback = { id: 'billing/refunds', collection: 'general', source: 'billing/refunds.md' };

describe('parseMarkdown', () => {
  it('reads front matter and splits sections by headings with their path', () => {
    const md = `---
title: Refund policy
url: https://help.example.com/refunds
collection: billing
tags: [refunds, money]
---
# Refund policy

Intro text with a [link](https://x.example) and **bold**.

## Eligibility

Within 30 days.

### Exceptions

Hardware keys are final sale.

## How to ask

\`\`\`
# not a heading inside a code fence
\`\`\`
Write to support.
`;
    const d = parseMarkdown(md, fallback);
    expect(d).toMatchObject({
      id: 'billing/refunds',
      title: 'Refund policy',
      url: 'https://help.example.com/refunds',
      collection: 'billing',
      tags: ['refunds', 'money'],
    });
    expect(d.sections.map((s) => s.heading)).toEqual(['', 'Eligibility', 'Eligibility > Exceptions', 'How to ask']);
    expect(d.sections[0].text).toBe('Intro text with a link and bold.');
    expect(d.sections[3].text).toContain('# not a heading inside a code fence');
  });

  it('falls back to the first H1, then the file id, for the title; tags may be a comma list', () => {
    expect(parseMarkdown('# Two-factor login\n\nUse an app.', fallback).title).toBe('Two-factor login');
    const d = parseMarkdown('---\ntags: a, b\n---\nJust text.', fallback);
    expect(d.title).toBe('billing/refunds');
    expect(d.tags).toEqual(['a', 'b']);
    expect(d.collection).toBe('general');
  });

  it('markdownSections drops empty sections', () => {
    expect(markdownSections('# A\n\n# B\ntext')).toEqual([{ heading: 'B', text: 'text' }]);
  });
});
