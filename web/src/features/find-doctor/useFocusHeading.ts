import { useEffect } from 'react';

/**
 * Moves focus to the page's <h1> once a page that loads its data first has its heading. The
 * layout does this on every route change, but a page still showing "Loading…" has no heading
 * yet. Focus that the person has already put somewhere is left alone.
 */
export function useFocusHeadingWhenReady(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const frame = window.requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body && active.id !== 'main') return;
      document.querySelector<HTMLElement>('main h1')?.focus();
    });
    return () => window.cancelAnimationFrame(frame);
  }, [ready]);
}
