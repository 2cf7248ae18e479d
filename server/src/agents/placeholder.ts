import type { AgentLayer } from './types.js';

/**
 * A clearly named stand-in used when no router is wired: it echoes that the AI layer is not configured.
 * Lets the full pipeline (store → agent → store → emit) run in tests of the transport alone.
 */
export function createPlaceholderAgent(): AgentLayer {
  return {
    async reply(request) {
      const routing = { agent: 'placeholder', confidence: 0, alternatives: [], reason: 'placeholder' as const };
      return {
        routing,
        agent: 'placeholder',
        confidence: 0,
        sources: [],
        escalate: false,
        text: `(placeholder agent) You said: ${request.message.text}`,
      };
    },
  };
}
