import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityVerifier } from './identity.js';

const SECRET = 'host-shared-secret-0123456789';
const key = new TextEncoder().encode(SECRET);
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const sign = (claims: Record<string, unknown>, exp: string | number = '10m', k: Uint8Array = key) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u_42')
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(k);

describe('IdentityVerifier (HS256 shared secret)', () => {
  const verifier = new IdentityVerifier({ identitySecret: SECRET });

  it('accepts a well-signed token and returns its claims', async () => {
    expect(await verifier.verify(await sign({ name: 'Ada', email: 'ada@example.com' }))).toEqual({
      id: 'u_42',
      name: 'Ada',
      email: 'ada@example.com',
    });
  });

  it('rejects expired, wrongly signed, alg none, unsigned-exp and garbage tokens with clear codes', async () => {
    await expect(verifier.verify(await sign({}, Math.floor(Date.now() / 1000) - 120))).rejects.toMatchObject({
      code: 'token_expired',
    });
    await expect(
      verifier.verify(await sign({}, '10m', new TextEncoder().encode('another-secret-0123456789'))),
    ).rejects.toMatchObject({ code: 'token_invalid' });
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u_42', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    await expect(verifier.verify(none)).rejects.toMatchObject({ code: 'token_invalid' });
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u_42').sign(key);
    await expect(verifier.verify(noExp)).rejects.toMatchObject({ code: 'token_invalid' });
    await expect(verifier.verify('not.a.jwt')).rejects.toMatchObject({ code: 'token_invalid' });
    const reserved = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('unverified:x')
      .setExpirationTime('1m')
      .sign(key);
    await expect(verifier.verify(reserved)).rejects.toMatchObject({ code: 'token_invalid' });
  });

  it('checks issuer and audience when configured', async () => {
    const strict = new IdentityVerifier({
      identitySecret: SECRET,
      identityIssuer: 'https://shop.example.com',
      identityAudience: 'switchboard',
    });
    await expect(strict.verify(await sign({}))).rejects.toMatchObject({ code: 'token_invalid' });
    const good = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u_1')
      .setIssuer('https://shop.example.com')
      .setAudience('switchboard')
      .setExpirationTime('1m')
      .sign(key);
    expect((await strict.verify(good)).id).toBe('u_1');
  });

  it('refuses every token when nothing is configured', async () => {
    await expect(new IdentityVerifier({}).verify(await sign({}))).rejects.toMatchObject({ code: 'token_invalid' });
  });
});

describe('IdentityVerifier (JWKS URL)', () => {
  let server: Server;
  let url: string;
  let privateKey: CryptoKey;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey as CryptoKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = createServer((_, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('accepts tokens signed by a key of the set and refuses HS256 tokens made with the public key', async () => {
    const verifier = new IdentityVerifier({ identityJwksUrl: url });
    const token = await new SignJWT({ name: 'Grace' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('u_7')
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await verifier.verify(token)).toMatchObject({ id: 'u_7', name: 'Grace' });
    // Algorithm confusion: an HMAC token must not be checked against the JWKS.
    await expect(verifier.verify(await sign({}, '5m', new TextEncoder().encode(url)))).rejects.toMatchObject({
      code: 'token_invalid',
    });
    const other = (await generateKeyPair('ES256')).privateKey;
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('u_7')
      .setExpirationTime('5m')
      .sign(other);
    await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'token_invalid' });
  });
});
