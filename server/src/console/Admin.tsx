import { useState } from 'preact/hooks';
import { AgentsAdmin } from './AgentsAdmin.js';
import { DocumentsAdmin } from './DocumentsAdmin.js';
import { StaffAdmin } from './StaffAdmin.js';
import { TokensAdmin } from './TokensAdmin.js';

const TABS = { staff: 'Staff', tokens: 'API tokens', documents: 'Documents', agents: 'Agents' } as const;
type Tab = keyof typeof TABS;

/** The admin screens (admins only; the server checks the role on every call too). */
export function Admin({ myId }: { myId?: string }) {
  const [tab, setTab] = useState<Tab>('staff');
  return (
    <main class="admin">
      <nav class="admin-tabs" aria-label="Administration">
        {(Object.keys(TABS) as Tab[]).map((t) => (
          <button key={t} type="button" class="link" aria-pressed={tab === t} onClick={() => setTab(t)}>
            {TABS[t]}
          </button>
        ))}
      </nav>
      {tab === 'staff' ? (
        <StaffAdmin myId={myId} />
      ) : tab === 'tokens' ? (
        <TokensAdmin />
      ) : tab === 'documents' ? (
        <DocumentsAdmin />
      ) : (
        <AgentsAdmin />
      )}
    </main>
  );
}
