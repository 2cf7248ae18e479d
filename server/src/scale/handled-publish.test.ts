import { afterEach, describe, expect, it } from 'vitest';
import { withHandledPublish } from './handled-publish.js';

const closed = () => Promise.reject(new Error('The client is closed'));

describe('withHandledPublish', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', record);
    unhandled.length = 0;
  });

  it('gives a dropped publish promise a handler, so a closed client cannot end the process', async () => {
    process.on('unhandledRejection', record);
    const seen: unknown[] = [];
    const client = withHandledPublish({ publish: closed, sPublish: closed, isOpen: false }, (err) => seen.push(err));
    // What the adapter does with an ephemeral message: call and forget.
    void client.publish();
    void client.sPublish();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
    expect(seen).toHaveLength(2);
    // A caller that awaits still sees the failure, and everything else is the client's own.
    await expect(client.publish()).rejects.toThrow(/closed/);
    expect(client.isOpen).toBe(false);
  });

  it('keeps other methods bound to the client', async () => {
    const client = withHandledPublish({
      name: 'c1',
      who() {
        return this.name;
      },
    });
    const { who } = client;
    expect(who()).toBe('c1');
  });
});
