import { AppError } from '../util/errors.js';

export interface LlmOptions {
  /** OpenAI-compatible base URL, e.g. `http://127.0.0.1:11434/v1` (Ollama) or `https://api.openai.com/v1`. */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  /** Cap on generated tokens. */
  maxTokens?: number;
}

export interface Passage {
  id: string;
  title: string;
  text: string;
}

/** The prompt: answer only from the numbered passages, cite them, and admit when they do not answer. */
export function buildMessages(
  question: string,
  passages: Passage[],
  style: string,
  language?: string,
  previous?: string,
): Array<{ role: 'system' | 'user'; content: string }> {
  const context = passages.map((p, i) => `[${i + 1}] ${p.title}\n${p.text}`).join('\n\n');
  // The passages may be in English while the customer writes Spanish: the model translates what it cites.
  const speak =
    language && language !== 'en'
      ? ` Answer in ${languageName(language)}, the customer's language, translating from the passages when needed.`
      : '';
  return [
    {
      role: 'system',
      content:
        `You are a customer-support assistant. Answer only from the passages below and cite them like [1]. If they do not contain the answer, say you don't know.${speak} ${style}`.trim(),
    },
    // A follow-up ("and for students?") means nothing without the question it continues.
    {
      role: 'user',
      content: `Passages:\n${context}\n\n${previous ? `Earlier question: ${previous}\nFollow-up question: ` : 'Question: '}${question}`,
    },
  ];
}

/** The English name of a language code, for the prompt ("es" → "Spanish"). */
function languageName(code: string): string {
  return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
}

function endpoint(url: string): string {
  return /\/chat\/completions\/?$/.test(url) ? url : `${url.replace(/\/$/, '')}/chat/completions`;
}

/**
 * Stream an answer from an OpenAI-compatible chat-completions endpoint, calling `onDelta` per token chunk.
 * Any failure (timeout, HTTP error, malformed stream, empty answer) throws `llm_failed`, so callers fall back.
 */
export async function streamCompletion(
  o: LlmOptions,
  messages: ReturnType<typeof buildMessages>,
  onDelta: (text: string) => void,
): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), o.timeoutMs ?? 20_000);
  try {
    const res = await fetch(endpoint(o.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
      body: JSON.stringify({
        model: o.model,
        messages,
        stream: true,
        temperature: 0.2,
        max_tokens: o.maxTokens ?? 400,
      }),
      signal: controller.signal,
    });
    if (!res.ok || !res.body) throw new AppError('llm_failed', `LLM endpoint answered HTTP ${res.status}`);
    let text = '';
    let buffer = '';
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const data = line.trim();
          if (!data.startsWith('data:')) continue;
          const payload = data.slice(5).trim();
          if (payload === '[DONE]') return finish(text);
          const delta = parseDelta(payload);
          if (delta) {
            text += delta;
            onDelta(delta);
          }
        }
      }
    } finally {
      // Stop the body (and the connection) whether we finished, failed or timed out; never wait on it.
      reader.cancel().catch(() => undefined);
    }
    return finish(text);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'llm_failed',
      controller.signal.aborted ? 'LLM endpoint timed out' : `LLM request failed: ${(err as Error).message}`,
      { cause: err },
    );
  } finally {
    clearTimeout(timer);
  }
}

function parseDelta(payload: string): string | undefined {
  try {
    const delta = (JSON.parse(payload) as { choices?: Array<{ delta?: { content?: unknown } }> }).choices?.[0]?.delta
      ?.content;
    return typeof delta === 'string' ? delta : undefined;
  } catch {
    throw new AppError('llm_failed', 'LLM stream sent a malformed chunk');
  }
}

function finish(text: string): string {
  if (!text.trim()) throw new AppError('llm_failed', 'LLM returned an empty answer');
  return text.trim();
}
