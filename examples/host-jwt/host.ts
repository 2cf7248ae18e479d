// A tiny "host site" backend: it knows who is logged in, and signs a short-lived JWT that Switchboard verifies.
import { Hono } from 'hono';
import { SignJWT } from 'jose';

/** A logged-in user of the shop (in a real app: from your session). */
export interface ShopUser {
  id: string;
  name: string;
  email: string;
}

export interface HostOptions {
  /** The secret shared with Switchboard (SWITCHBOARD_IDENTITY_SECRET or `--identity-secret-file`). */
  identitySecret: string;
  /** Where the Switchboard server runs, e.g. http://127.0.0.1:3000. */
  switchboardUrl: string;
}

/** Sign the identity token for one user: HS256, `sub` = your user id, 15 minutes. */
export function signIdentity(user: ShopUser, secret: string): Promise<string> {
  return new SignJWT({ name: user.name, email: user.email })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime('15m')
    .sign(new TextEncoder().encode(secret));
}

// Demo accounts; `?as=grace` switches user so you can watch a conversation follow its owner.
const USERS: Record<string, ShopUser> = {
  ada: { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
  grace: { id: 'user-grace', name: 'Grace Hopper', email: 'grace@example.com' },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The host app: `/` (a shop page with the widget) and `/switchboard-token` (the signed token for the current user). */
export function createHostApp(o: HostOptions): Hono {
  const app = new Hono();
  const userOf = (as: string | undefined) => USERS[as ?? 'ada'] ?? USERS.ada;

  // Your session decides who this is; never take the user id from the browser in a real app.
  app.get('/switchboard-token', async (c) =>
    c.json({ token: await signIdentity(userOf(c.req.query('as')), o.identitySecret) }),
  );

  app.get('/', (c) => {
    const user = userOf(c.req.query('as'));
    const sb = escapeHtml(o.switchboardUrl);
    const as = encodeURIComponent(c.req.query('as') ?? 'ada');
    return c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>My shop</title></head>
<body>
  <h1>My shop</h1>
  <p>Logged in as <strong>${escapeHtml(user.name)}</strong>. Open the chat on two browsers: the same conversation follows you.</p>
  <script async src="${sb}/widget.js" data-server="${sb}" data-title="Help"></script>
  <script>
    window.Switchboard = window.Switchboard || function () { (window.Switchboard.q = window.Switchboard.q || []).push([].slice.call(arguments)); };
    fetch('/switchboard-token?as=${as}').then(function (r) { return r.json(); }).then(function (b) { Switchboard('identify', { token: b.token }); });
  </script>
</body></html>`);
  });
  return app;
}
