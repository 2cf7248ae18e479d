type ViewportWindow = Pick<Window, 'visualViewport' | 'innerWidth'>;

/** The phone breakpoint of styles.ts, where the panel fills the screen. */
const PHONE_MAX_WIDTH = 480;

/**
 * Keep the full-screen phone panel inside the visible part of the page while the on-screen keyboard is open: iOS
 * overlays the keyboard and `100dvh` does not shrink for it, but `visualViewport` does. The size goes into a
 * stylesheet through `write` (never a style attribute, so strict CSPs are fine). Returns a function that stops it.
 */
export function trackViewport(write: (css: string) => void, win: ViewportWindow = window): () => void {
  const vv = win.visualViewport;
  if (!vv) return () => undefined;
  let last = '';
  const apply = () => {
    const css =
      win.innerWidth <= PHONE_MAX_WIDTH
        ? `@media (max-width: ${PHONE_MAX_WIDTH}px) { .panel { top: ${Math.round(vv.offsetTop)}px; bottom: auto; height: ${Math.round(vv.height)}px; } }`
        : '';
    if (css !== last) write((last = css));
  };
  apply();
  vv.addEventListener('resize', apply);
  vv.addEventListener('scroll', apply);
  return () => {
    vv.removeEventListener('resize', apply);
    vv.removeEventListener('scroll', apply);
    write('');
  };
}
