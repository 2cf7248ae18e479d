import { io as connect, type Socket } from 'socket.io-client';
import type { AgentLayer, AgentReply } from '../agents/types.js';
import type { StaffServerToClientEvents, StaffClientToServerEvents, StaffSession } from 'switchboard-chat/protocol';
import type { SwitchboardServer } from '../index.js';
import type { StaffRole } from '../security/staff-tokens.js';
import { hashPassword } from '../security/passwords.js';
import { nextEvent } from './harness.js';

export type StaffClient = Socket<StaffServerToClientEvents, StaffClientToServerEvents>;

/** An agent layer for tests: escalates when the text mentions a human, otherwise echoes with a fixed routing. */
export const escalatingAgents: AgentLayer = {
  async reply({ message }): Promise<AgentReply> {
    const wantsHuman = /\bhuman\b/i.test(message.text);
    const routing = wantsHuman
      ? { agent: 'human', confidence: 1, alternatives: [], reason: 'explicit-human' as const }
      : {
          agent: /invoice|refund/i.test(message.text) ? 'billing' : 'technical',
          confidence: 0.82,
          alternatives: [{ agent: 'general', score: 0.1 }],
          reason: 'semantic' as const,
        };
    return wantsHuman
      ? { routing, agent: 'human', confidence: 1, sources: [], escalate: true, escalationReason: 'explicit-human' }
      : {
          routing,
          text: `AI: ${message.text}`,
          agent: routing.agent,
          confidence: routing.confidence,
          sources: [],
          escalate: false,
        };
  },
};

/** Create a staff account and sign a console session token for it. */
export async function staffAccount(
  server: SwitchboardServer,
  name: string,
  role: StaffRole = 'agent',
  password = 'correct horse battery',
): Promise<{ id: string; name: string; email: string; token: string; password: string }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.test`;
  const account = await server.staff.create({ email, name, role, passwordHash: await hashPassword(password) });
  const token = await server.staffTokens.sign({ id: account.id, name, role, kind: 'session' }, '1h');
  return { id: account.id, name, email, token, password };
}

/** Connect a real socket.io-client to `/agents` and wait for `staff:session`. */
export async function connectStaff(
  url: string,
  token: string,
): Promise<{ socket: StaffClient; session: StaffSession }> {
  const socket: StaffClient = connect(`${url}/agents`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const refused = new Promise<never>((_, reject) => socket.once('connect_error', reject));
  const session = await Promise.race([nextEvent<StaffSession>(socket, 'staff:session'), refused]);
  return { socket, session };
}
