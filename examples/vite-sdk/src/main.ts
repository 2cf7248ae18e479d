import { createChat } from 'switchboard-chat';

// The server URL comes from the environment at build time (VITE_SWITCHBOARD_URL), defaulting to the demo server.
const server = import.meta.env.VITE_SWITCHBOARD_URL ?? 'http://127.0.0.1:3000';
const chat = createChat({ server, title: 'Help', color: '#0f766e' });

const $ = (id: string) => document.getElementById(id)!;
$('open').addEventListener('click', () => chat.open());
$('close').addEventListener('click', () => chat.close());
$('login').addEventListener('click', async () => {
  // In a real app your backend signs this token for the logged-in user (see examples/host-jwt).
  const res = await fetch('/api/switchboard-token').catch(() => undefined);
  const token = res?.ok ? (await res.json()).token : undefined;
  await chat.identify({ id: 'u-ada', name: 'Ada', email: 'ada@example.com', token });
});

chat.on('routed', ({ agent, confidence }) => {
  $('routed').textContent = `${agent} (${Math.round(confidence * 100)}%)`;
});
chat.on('escalated', ({ state, assignee }) => {
  $('escalated').textContent = assignee ? `${assignee.name} joined` : state;
});
