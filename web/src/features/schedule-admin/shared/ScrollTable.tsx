import { useId, type ReactNode } from 'react';

/**
 * A table that scrolls sideways inside a labelled, focusable region on narrow screens, so
 * keyboard users can scroll it and screen readers announce what it is.
 */
export function ScrollTable({ caption, children }: { caption: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="table-scroll sa-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
