import type { ReactNode } from 'react';

interface SubmitButtonProps {
  pending: boolean;
  children: ReactNode;
  variant?: 'primary' | 'secondary';
}

/**
 * Keeps its accessible name while busy (so it stays findable and focus isn't lost); a second
 * press while busy is ignored by the form's submit handler.
 */
export function SubmitButton({ pending, children, variant = 'primary' }: SubmitButtonProps) {
  return (
    <button
      type="submit"
      className={variant === 'primary' ? 'button' : 'button button--secondary'}
      aria-disabled={pending || undefined}
    >
      {children}
      {pending ? <span className="button__busy" aria-hidden="true" /> : null}
    </button>
  );
}
