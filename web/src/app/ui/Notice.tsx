import type { ReactNode } from 'react';

interface NoticeProps {
  tone?: 'info' | 'success' | 'warning';
  title?: string;
  children: ReactNode;
}

/**
 * A calm, non-error message (role="status"). Errors use the ErrorSummary or ErrorMessage,
 * which are role="alert".
 */
export function Notice({ tone = 'info', title, children }: NoticeProps) {
  return (
    <div className={`notice notice--${tone}`} role="status">
      {title ? <p className="notice__title">{title}</p> : null}
      <div className="notice__body">{children}</div>
    </div>
  );
}

/** A request failed outside a form (loading a page's data). */
export function ErrorMessage({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice--error" role="alert">
      <div className="notice__body">{children}</div>
    </div>
  );
}
