import { describe, expect, it } from 'vitest';
import { createOriginPolicy, originPatternError } from './origins.js';

describe('origin allow-list', () => {
  const policy = createOriginPolicy(['https://shop.example.com', 'https://*.example.org', 'http://localhost:*']);

  it('accepts listed origins and wildcard subdomains', () => {
    expect(policy.allows('https://shop.example.com')).toBe(true);
    expect(policy.allows('https://SHOP.example.com')).toBe(true);
    expect(policy.allows('https://a.example.org')).toBe(true);
    expect(policy.allows('https://a.b.example.org')).toBe(true);
    expect(policy.allows('http://localhost:5173')).toBe(true);
  });

  it('refuses look-alikes, other schemes, ports and the bare wildcard domain', () => {
    for (const o of [
      'https://evil.com',
      'http://shop.example.com',
      'https://shop.example.com:8443',
      'https://shop.example.com.evil.com',
      'https://evilshop.example.com',
      'https://example.org',
      'https://a.example.org.evil.com',
      'https://aexample.org',
      'null',
      'http://localhost.evil.com:80',
    ])
      expect(policy.allows(o), o).toBe(false);
  });

  it('lets same-origin pages (the console) through and allows requests without an Origin header', () => {
    expect(policy.allows('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true);
    expect(policy.allows('http://evil.com', '127.0.0.1:3000')).toBe(false);
    expect(policy.allows(undefined)).toBe(true);
  });

  it('is open when the list is empty or *', () => {
    expect(createOriginPolicy([]).open).toBe(true);
    expect(createOriginPolicy(['*']).allows('https://anything.test')).toBe(true);
  });

  it('rejects malformed patterns', () => {
    expect(originPatternError('shop.example.com')).toMatch(/not an origin/);
    expect(originPatternError('https://shop.example.com/path')).toMatch(/not an origin/);
    expect(originPatternError('https://*')).toMatch(/not an origin/);
    expect(() => createOriginPolicy(['ftp://x'])).toThrow();
  });
});
