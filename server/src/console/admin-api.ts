// The admin screens' REST calls (`/api/admin/*`, `/api/kb/*`); the server checks the admin role on every one.
import type { TrainingStatus } from '../router/live-settings.js';
import type { AgentSettings as RouterAgentSettings } from '../router/settings.js';
import { call } from './api.js';

/** A staff account as the admin API lists it. */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: 'agent' | 'admin';
  disabled: boolean;
}

/** An API token's record (never its secret, which is shown once at creation). */
export interface ApiTokenRecord {
  id: string;
  name: string;
  role: 'agent' | 'admin';
  createdAt: string;
  expiresAt: string | null;
  revokedAt?: string | null;
}

/** A knowledge-base document with where it came from. */
export interface KbDocument {
  id: string;
  title: string;
  collection: string;
  source: string;
  chunks: number;
}

/** Documents and chunks per source. */
export interface KbSource {
  source: string;
  documents: number;
  chunks: number;
}

/** This server's router training: retraining now, and when the model in force was trained. */
/** This node's router training, as the agent routes report it. */
export type { TrainingStatus };

/** The router configuration (agents file plus console edits) and this node's training. */
export type AgentSettings = RouterAgentSettings & { training: TrainingStatus };

/** One agent for editing: example texts per topic, and what the console changed. */
export interface AgentDetail {
  name: string;
  description: string;
  enabled: boolean;
  threshold: number;
  collections: string[];
  topics: Array<{ name: string; source: 'site' | 'generic'; examples: string[]; added: string[]; removed: string[] }>;
  overridden: string[];
}

/** A live edit of one agent (`PATCH /api/admin/agents/:name`). */
export interface AgentPatch {
  threshold?: number;
  description?: string;
  enabled?: boolean;
  topics?: Array<{ name: string; add?: string[]; remove?: string[] }>;
}

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });

/** Staff accounts, API tokens, help-centre documents and agent settings. */
export const adminApi = {
  users: async () => (await call<{ users: StaffUser[] }>('/api/admin/users')).users,
  addUser: (u: { email: string; name: string; role: string; password: string }) =>
    call('/api/admin/users', json('POST', u)),
  updateUser: (id: string, patch: { role?: string; disabled?: boolean }) =>
    call(`/api/admin/users/${encodeURIComponent(id)}`, json('PATCH', patch)),
  resetPassword: (id: string, password: string) =>
    call(`/api/admin/users/${encodeURIComponent(id)}/password`, json('POST', { password })),
  tokens: async () => (await call<{ tokens: ApiTokenRecord[] }>('/api/admin/tokens')).tokens,
  createToken: (t: { name: string; role: string; expiresIn?: string }) =>
    call<ApiTokenRecord & { token: string }>('/api/admin/tokens', json('POST', t)),
  revokeToken: (id: string) => call(`/api/admin/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  documents: () => call<{ documents: KbDocument[]; sources: KbSource[] }>('/api/kb/documents'),
  upload: (file: { name: string; content: string; collection?: string }) =>
    call<{ documents: number; chunks: number }>('/api/kb/files', json('POST', file)),
  reingest: (source: string) =>
    call<{ documents: number; removedDocuments: number }>('/api/kb/sources/reingest', json('POST', { source })),
  removeSource: (source: string) =>
    call<{ removedDocuments: number }>('/api/kb/sources/remove', json('POST', { source })),
  removeDocument: (id: string) => call(`/api/kb/documents/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  agents: () => call<AgentSettings>('/api/admin/agents'),
  agent: (name: string) =>
    call<{ agent: AgentDetail; training: TrainingStatus }>(`/api/admin/agents/${encodeURIComponent(name)}`),
  updateAgent: (name: string, patch: AgentPatch) =>
    call<{ agent: AgentDetail; training: TrainingStatus }>(
      `/api/admin/agents/${encodeURIComponent(name)}`,
      json('PATCH', patch),
    ),
  resetAgent: (name: string) =>
    call<{ agent: AgentDetail }>(`/api/admin/agents/${encodeURIComponent(name)}/edits`, { method: 'DELETE' }),
};
