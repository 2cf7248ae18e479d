import type { CannedReply, WireError } from 'switchboard-chat/protocol';

const TOKEN_KEY = 'switchboard.console.token';

/** The signed-in session token, kept for this browser tab only. */
export const session = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** A REST failure carrying the server's error code. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A JSON REST call with the session token; a failure throws `ApiError` with the server's code. */
export async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = session.get();
  const res = await fetch(path, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.headers ?? {}),
    },
  });
  const body = (await res.json().catch(() => ({}))) as { error?: WireError } & T;
  if (!res.ok) throw new ApiError(body.error?.code ?? 'internal', body.error?.message ?? `HTTP ${res.status}`);
  return body;
}

/** Sign in with e-mail and password; stores the session token. */
export async function login(email: string, password: string): Promise<void> {
  const { token } = await call<{ token: string }>('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  session.set(token);
}

/** The canned replies. */
export async function cannedReplies(): Promise<CannedReply[]> {
  return (await call<{ replies: CannedReply[] }>('/api/console/canned')).replies;
}
