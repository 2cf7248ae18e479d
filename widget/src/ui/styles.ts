/** The widget's stylesheet; adopted into the shadow root, so nothing leaks in or out of the host page. */
export const STYLES = `
:host { all: initial; --sb-accent: #4f46e5; --sb-accent-fg: #fff; --sb-bg: #fff; --sb-fg: #111827; --sb-muted: #4b5563; --sb-bubble: #f3f4f6; --sb-border: #d1d5db; --sb-notice: #fef3c7; --sb-notice-fg: #78350f; --sb-danger: #b91c1c; --sb-focus: #b45309; --sb-radius: 14px; --sb-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif; }
:host([data-theme="dark"]) { --sb-bg: #111827; --sb-fg: #f9fafb; --sb-muted: #d1d5db; --sb-bubble: #1f2937; --sb-border: #4b5563; --sb-notice: #422006; --sb-notice-fg: #fde68a; --sb-focus: #fbbf24; }
@media (prefers-color-scheme: dark) { :host([data-theme="auto"]) { --sb-bg: #111827; --sb-fg: #f9fafb; --sb-muted: #d1d5db; --sb-bubble: #1f2937; --sb-border: #4b5563; --sb-notice: #422006; --sb-notice-fg: #fde68a; --sb-focus: #fbbf24; } }
.root { position: fixed; bottom: 20px; z-index: 2147483000; font: 15px/1.45 var(--sb-font); color: var(--sb-fg); }
.pos-right { right: 20px; } .pos-left { left: 20px; }
.icon { display: block; width: 24px; height: 24px; }
button .icon { margin: auto; }
[dir="rtl"] .icon.flip { transform: scaleX(-1); }
.launcher { width: 56px; height: 56px; border-radius: 50%; border: 0; padding: 0; background: var(--sb-accent); color: var(--sb-accent-fg); cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); position: relative; display: block; }
.launcher .icon { width: 28px; height: 28px; }
.badge { position: absolute; top: -4px; inset-inline-end: -4px; min-width: 20px; height: 20px; border-radius: 10px; background: var(--sb-danger); color: #fff; font: 600 12px/20px var(--sb-font); text-align: center; padding: 0 5px; box-sizing: border-box; }
.panel { position: absolute; bottom: 72px; width: 370px; max-width: calc(100vw - 40px); height: 560px; max-height: calc(100dvh - 110px); background: var(--sb-bg); border: 1px solid var(--sb-border); border-radius: var(--sb-radius); box-shadow: 0 10px 40px rgba(0,0,0,.25); display: flex; flex-direction: column; overflow: hidden; animation: sb-in .18s ease-out; }
.pos-right .panel { right: 0; } .pos-left .panel { left: 0; }
@keyframes sb-in { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
@keyframes sb-pulse { 0%, 100% { opacity: .35; } 50% { opacity: 1; } }
header { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 10px 8px 10px 16px; background: var(--sb-accent); color: var(--sb-accent-fg); }
[dir="rtl"] header { padding: 10px 16px 10px 8px; }
header h2 { margin: 0; font-size: 16px; line-height: 1.3; }
.status { font-size: 12px; }
.status::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-inline-end: 6px; background: currentColor; opacity: .5; vertical-align: middle; }
.status.online::before { background: #22c55e; opacity: 1; box-shadow: 0 0 0 2px var(--sb-accent-fg); }
.status.idle::before { display: none; }
.close { background: transparent; border: 0; color: inherit; cursor: pointer; min-width: 44px; min-height: 44px; border-radius: 8px; }
.handoff { padding: 8px 14px; background: var(--sb-notice); color: var(--sb-notice-fg); font-size: 13px; border-bottom: 1px solid var(--sb-border); }
.messages { list-style: none; margin: 0; padding: 12px; flex: 1; overflow-y: auto; overscroll-behavior: contain; display: flex; flex-direction: column; gap: 8px; }
.messages:focus-visible { outline-offset: -3px; }
.msg { max-width: 85%; padding: 8px 12px; border-radius: 12px; background: var(--sb-bubble); overflow-wrap: anywhere; align-self: flex-start; }
.msg.customer { align-self: flex-end; background: var(--sb-accent); color: var(--sb-accent-fg); }
.msg.customer.pending .meta { opacity: .9; }
.msg.customer.failed { outline: 2px solid var(--sb-danger); outline-offset: 1px; }
.msg.system, .msg.typing { align-self: center; background: transparent; color: var(--sb-muted); font-size: 13px; text-align: center; }
.msg.human { border-inline-start: 3px solid var(--sb-accent); }
.msg.streaming { white-space: pre-wrap; }
.msg.streaming::after { content: "▍"; animation: sb-pulse 1s infinite; }
.dots { display: inline-block; width: 6px; height: 6px; border-radius: 50%; background: currentColor; margin-inline-end: 6px; vertical-align: middle; animation: sb-pulse 1s infinite; }
.msg p { margin: 0 0 6px; } .msg p:last-child { margin-bottom: 0; }
.msg ul, .msg ol { margin: 4px 0; padding-inline-start: 20px; }
.msg pre { overflow-x: auto; background: rgba(0,0,0,.08); padding: 6px; border-radius: 6px; margin: 4px 0; }
.msg code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.msg a { color: inherit; text-decoration: underline; }
.author { font-size: 12px; font-weight: 600; color: var(--sb-muted); }
.meta, .sources { font-size: 12px; color: var(--sb-muted); margin-top: 4px; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.msg.customer .meta { color: inherit; }
.route { border: 1px solid var(--sb-border); border-radius: 8px; padding: 0 6px; }
.fb { display: inline-flex; align-items: center; gap: 4px; }
.suggestions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.suggestion { background: var(--sb-bg); color: var(--sb-fg); border: 1px solid var(--sb-accent); border-radius: 14px; min-height: 32px; padding: 2px 10px; font: 13px/1.3 var(--sb-font); cursor: pointer; text-align: start; }
.suggestion:focus-visible { outline: 2px solid var(--sb-accent); outline-offset: 2px; }
.thumb .icon { width: 16px; height: 16px; }
.thumb, .retry, .star { background: transparent; border: 1px solid var(--sb-border); border-radius: 6px; cursor: pointer; color: inherit; min-width: 32px; min-height: 32px; font: inherit; padding: 0 6px; }
.msg.customer .retry { border-color: currentColor; }
.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid var(--sb-border); }
textarea, input { font: 16px/1.4 var(--sb-font); padding: 8px 10px; border: 1px solid var(--sb-border); border-radius: 10px; background: var(--sb-bg); color: var(--sb-fg); box-sizing: border-box; }
.composer textarea { flex: 1; resize: none; max-height: 120px; min-width: 0; }
textarea::placeholder, input::placeholder { color: var(--sb-muted); opacity: 1; }
.send, .primary { min-width: 44px; min-height: 44px; border: 0; border-radius: 10px; background: var(--sb-accent); color: var(--sb-accent-fg); cursor: pointer; font: 600 15px var(--sb-font); padding: 0 12px; }
.send { padding: 0; }
.send:disabled { opacity: .55; cursor: default; }
.attach { min-width: 44px; min-height: 44px; border: 0; border-radius: 10px; background: none; color: inherit; cursor: pointer; padding: 0; }
.attachment img { display: block; max-width: 100%; max-height: 240px; border-radius: 8px; margin-bottom: 4px; }
.attachment a { color: inherit; word-break: break-all; }
.email, .rating, .notice { padding: 10px 12px; border-top: 1px solid var(--sb-border); font-size: 14px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.email label { flex: 1 1 100%; }
.row { display: flex; gap: 8px; width: 100%; }
.row input { flex: 1; min-width: 0; }
.rating textarea { width: 100%; }
.rating fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; align-items: center; width: 100%; }
.rating legend { padding: 0; margin-bottom: 4px; width: 100%; }
.star { font-size: 18px; color: var(--sb-muted); }
.star.on { color: var(--sb-accent); border-color: var(--sb-accent); }
button:focus-visible, textarea:focus-visible, input:focus-visible, a:focus-visible, .messages:focus-visible { outline: 3px solid var(--sb-focus); outline-offset: 2px; }
.launcher:focus-visible, header button:focus-visible { outline-color: var(--sb-focus); box-shadow: 0 0 0 6px var(--sb-bg); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 480px) {
  .panel { position: fixed; inset: 0; width: 100vw; max-width: none; height: 100vh; height: 100dvh; max-height: none; border: 0; border-radius: 0; box-sizing: border-box; }
  .root.is-open .launcher { display: none; }
}
@media (prefers-reduced-motion: reduce) { .panel, .dots, .msg.streaming::after { animation: none; } * { transition: none !important; scroll-behavior: auto !important; } }
`;
