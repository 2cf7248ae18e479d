import { useEffect, useMemo, useState } from 'preact/hooks';
import { Admin } from './Admin.js';
import { session } from './api.js';
import { Connection } from './connection.js';
import { ConversationView } from './ConversationView.js';
import { Dashboard } from './Dashboard.js';
import { Inbox } from './Inbox.js';
import { Login } from './Login.js';
import { ToLabel } from './ToLabel.js';
import { ConsoleNotifier } from './notifications.js';
import { NotificationSettings } from './NotificationSettings.js';
import { ConsoleStore, type ConsoleState } from './store.js';

function useStore(store: ConsoleStore): ConsoleState {
  const [state, setState] = useState(store.state);
  useEffect(() => store.subscribe(() => setState(store.state)), [store]);
  return state;
}

/** The staff console: the login form, then the inbox and the open conversation. */
export function App() {
  const [token, setToken] = useState(session.get());
  if (!token) return <Login onLoggedIn={() => setToken(session.get())} />;
  return (
    <Workspace
      token={token}
      onLogout={() => {
        session.clear();
        setToken(null);
      }}
    />
  );
}

function Workspace({ token, onLogout }: { token: string; onLogout: () => void }) {
  const store = useMemo(() => new ConsoleStore(), [token]);
  const [conn, setConn] = useState<Connection>();
  useEffect(() => {
    let notifier: ConsoleNotifier | undefined;
    const c = new Connection(token, store, onLogout, (prev, next) => notifier?.upsert(prev, next));
    notifier = new ConsoleNotifier(store, (id) => void c.open(id));
    setConn(c);
    return () => {
      c.close();
      notifier?.close();
    };
  }, [token]);
  const state = useStore(store);
  // "Find" beside a customer attribute runs that search in the sidebar (a new object each time).
  const [attributeSearch, setAttributeSearch] = useState<{ attributes: string }>();
  const [view, setView] = useState<'inbox' | 'dashboard' | 'to-label' | 'admin'>(
    location.hash === '#dashboard'
      ? 'dashboard'
      : location.hash === '#to-label'
        ? 'to-label'
        : location.hash === '#admin'
          ? 'admin'
          : 'inbox',
  );
  const me = state.session?.staff;
  return (
    <div class="layout">
      <header class="topbar">
        <strong class="brand">Switchboard</strong>
        <span class={`dot ${state.connection}`} title={state.connection} />
        <span class="muted">{state.session ? (state.session.open ? 'Open' : 'Outside business hours') : ''}</span>
        <span class="spacer" />
        <span class="muted" title="Staff online">
          {state.presence.map((p) => p.name).join(', ')} online
        </span>
        <nav class="views" aria-label="Views">
          <button type="button" class="link" aria-pressed={view === 'inbox'} onClick={() => setView('inbox')}>
            Inbox
          </button>
          <button type="button" class="link" aria-pressed={view === 'to-label'} onClick={() => setView('to-label')}>
            To label
          </button>
          {me?.role === 'admin' && (
            <button type="button" class="link" aria-pressed={view === 'dashboard'} onClick={() => setView('dashboard')}>
              Dashboard
            </button>
          )}
          {me?.role === 'admin' && (
            <button type="button" class="link" aria-pressed={view === 'admin'} onClick={() => setView('admin')}>
              Admin
            </button>
          )}
        </nav>
        {conn && <NotificationSettings store={store} conn={conn} />}
        {me && (
          <span class="me">
            {me.name} · {me.role}
          </span>
        )}
        <button type="button" class="link" onClick={onLogout}>
          Sign out
        </button>
      </header>
      {state.error && (
        <p class="banner" role="alert">
          {state.error}
        </p>
      )}
      {view === 'to-label' && conn ? (
        <ToLabel conn={conn} agents={state.session?.agents ?? []} />
      ) : view === 'dashboard' && me?.role === 'admin' ? (
        <Dashboard />
      ) : view === 'admin' && me?.role === 'admin' ? (
        <Admin myId={me.id} />
      ) : (
        <div class="panes">
          <Inbox state={state} conn={conn} onOpen={(id) => void conn?.open(id)} attributeSearch={attributeSearch} />
          {conn && state.selectedId ? (
            <ConversationView
              state={state}
              conn={conn}
              onFindAttribute={(attributes) => setAttributeSearch({ attributes })}
            />
          ) : (
            <main class="empty">Pick a conversation.</main>
          )}
        </div>
      )}
    </div>
  );
}
