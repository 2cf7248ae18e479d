// The port lives with its caller, the conversation service; agents implement it.
export type { AgentLayer, AgentReply, AgentRequest, AgentStream } from '../conversations/agent-port.js';
