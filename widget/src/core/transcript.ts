/** Ask the server to e-mail a conversation's transcript (to `email`, else the address it knows); rejects with the server's error code. */
export async function requestTranscript(
  server: string,
  conversationId: string,
  visitor: string,
  email?: string,
): Promise<void> {
  const res = await fetch(
    `${server.replace(/\/$/, '')}/api/conversations/${encodeURIComponent(conversationId)}/transcript`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${visitor}`, 'content-type': 'application/json' },
      body: JSON.stringify(email ? { email } : {}),
    },
  );
  if (!res.ok) {
    const { error } = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    throw Object.assign(new Error(error?.message ?? `HTTP ${res.status}`), { code: error?.code ?? 'unavailable' });
  }
}
