// One command: a Switchboard server with identity verification on :3000 and the host shop on :4000.
//   npx tsx examples/host-jwt/run.ts
import { serve } from '@hono/node-server';
import { createServer } from '../../server/src/index.js';
import { createHostApp } from './host.js';

const identitySecret = process.env.SWITCHBOARD_IDENTITY_SECRET ?? 'dev-only-identity-secret-change-me';
const hostPort = Number(process.env.HOST_PORT ?? 4000);
const hostOrigin = `http://127.0.0.1:${hostPort}`;

const switchboard = await createServer({
  port: Number(process.env.PORT ?? 3000),
  kb: ['examples/demo-kb'],
  identitySecret,
  allowedOrigins: [hostOrigin],
});
const { url } = await switchboard.listen();
serve({ fetch: createHostApp({ identitySecret, switchboardUrl: url }).fetch, port: hostPort, hostname: '127.0.0.1' });
process.stdout.write(
  `Switchboard: ${url}\nShop (logged in as Ada): ${hostOrigin}/   as Grace: ${hostOrigin}/?as=grace\n`,
);
