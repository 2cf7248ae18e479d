// The port lives with its caller, the conversation service; agents implement it.
export type { AgentLayer, AgentReply, AgentRequest, AgentStream, AnswerTraits } from '../conversations/agent-port.js';
