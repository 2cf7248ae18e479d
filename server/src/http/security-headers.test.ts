import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes } from './security-headers.js';

describe('content security policy', () => {
  it("allows exactly the page's own inline scripts by hash, never external or injected ones", () => {
    const own = 'window.Switchboard = window.Switchboard || function () {};';
    const html = `<script src="/widget.js"></script><script>${own}</script><script type="module">  </script>`;
    const hash = `'sha256-${createHash('sha256').update(own).digest('base64')}'`;
    expect(inlineScriptHashes(html)).toEqual([hash]);
    const csp = contentSecurityPolicy(html, "'none'");
    expect(csp).toContain(`script-src 'self' ${hash}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline[^;]*script|script-src[^;]*unsafe/);
  });
});
