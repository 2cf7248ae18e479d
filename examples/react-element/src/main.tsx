import { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { defineElement } from 'switchboard-chat';

defineElement();

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'switchboard-chat': {
        server: string;
        title?: string;
        color?: string;
        position?: string;
        locale?: string;
        ref?: React.Ref<HTMLElement>;
      };
    }
  }
}

const server = import.meta.env.VITE_SWITCHBOARD_URL ?? 'http://127.0.0.1:3000';

function App() {
  const chat = useRef<HTMLElement>(null);
  const [agent, setAgent] = useState('none yet');
  useEffect(() => {
    // Widget events bubble out of the element as DOM CustomEvents named switchboard:<event>.
    const el = chat.current;
    const onRouted = (e: Event) => setAgent((e as CustomEvent<{ agent: string }>).detail.agent);
    el?.addEventListener('switchboard:routed', onRouted);
    return () => el?.removeEventListener('switchboard:routed', onRouted);
  }, []);
  return (
    <main>
      <h1>React + the switchboard-chat element</h1>
      <p>
        Last agent: <output id="agent">{agent}</output>
      </p>
      <switchboard-chat ref={chat} server={server} title="Help" color="#9333ea" />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
