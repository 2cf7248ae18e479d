import { existsSync, readFileSync } from 'node:fs';

/**
 * Our own XSS vectors (always present): polyglots, javascript: URLs in every disguise, SVG/IMG handlers, and
 * Markdown link tricks aimed at the widget's Markdown renderer. They call alert() or __xss(), which the test hooks.
 */
export const INLINE_XSS: string[] = [
  '<script>__xss()</script>',
  '<img src=x onerror=__xss()>',
  '<svg onload=__xss()>',
  '<svg><script>__xss()</script></svg>',
  '<svg/onload=alert(1)//',
  '<iframe srcdoc="<script>parent.__xss()</script>"></iframe>',
  '<details open ontoggle=__xss()>',
  '<body onload=__xss()>',
  '<a href="javascript:__xss()">click</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=__xss()>',
  'jaVasCript:/*-/*`/*\\`/*\'/*"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e',
  '"><img src=x onerror=__xss()>',
  "'-alert(1)-'",
  '</script><script>__xss()</script>',
  '[click me](javascript:__xss())',
  '[click me](JaVaScRiPt:__xss())',
  '[click me](  javascript:__xss())',
  '[click me](java\tscript:__xss())',
  '[click me](javascript&#58;__xss())',
  '[click me](&#106;avascript:__xss())',
  '[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click me](vbscript:msgbox(1))',
  '[x](https://example.com"onmouseover="__xss())',
  "[x](https://example.com'onmouseover='__xss())",
  '![img](x" onerror="__xss())',
  '![img](javascript:__xss())',
  '<javascript:__xss()>',
  '[a]: javascript:__xss()\n[link][a]',
  '**<img src=x onerror=__xss()>**',
  '`<img src=x onerror=__xss()>`',
  '```\n</code><img src=x onerror=__xss()>\n```',
  '[<img src=x onerror=__xss()>](https://example.com)',
  '[text](https://example.com/<img src=x onerror=__xss()>)',
  '<a href="https://example.com" onclick="__xss()">ok</a>',
  '<form><button formaction=javascript:__xss()>go</button></form>',
  '<object data="javascript:__xss()"></object>',
  '<embed src="javascript:__xss()">',
  '<style>@import "javascript:__xss()";</style>',
  '<base href="javascript:__xss()//">',
  '<input autofocus onfocus=__xss()>',
  '<marquee onstart=__xss()>',
  '\u202E<img src=x onerror=__xss()>',
  '<img src=x onerror="&#95;&#95;xss()">',
];

/** The RSnake cheat-sheet vectors from the shared data, when present (absent on a user's clone). */
export function sharedXssCorpus(): string[] {
  const file = new URL('../../../../shared/data/xss/rsnake.txt', import.meta.url);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
}
