import { describe, expect, it } from 'vitest';
import { loadRouterConfig } from '../../server/src/router/config.js';
import { startTestServer } from '../../server/src/testing/harness.js';

const here = (p: string) => new URL(p, import.meta.url).pathname;

describe('examples/custom-agent', () => {
  it('adds a shipping agent by configuration alone', () => {
    const config = loadRouterConfig(here('./agents.yaml'));
    expect(config.agents.map((a) => a.name)).toEqual(['technical', 'billing', 'general', 'shipping']);
  });

  it('routes parcel questions to shipping and answers from its own collection', async () => {
    const server = await startTestServer({ config: here('./agents.yaml'), kb: [here('../demo-kb'), here('./kb')] });
    try {
      const res = await fetch(`${server.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'where is my parcel? the tracking number shows nothing' }),
      });
      const body = await res.json();
      expect(body.agent).toBe('shipping');
      expect(body.sources[0].url).toBe('https://help.acme.example/track-parcel');
    } finally {
      await server.close();
    }
  });
});
