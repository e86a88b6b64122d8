import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import type { FormErrorState } from '../../app/forms/useFormErrors';
import { Notice } from '../../app/ui/Notice';
import { IdempotencyKeys } from '../appointments';
import { parseDollars } from '../billing';

/** Dollars typed by staff as whole cents, or null when it is not an amount above zero. */
export function positiveCents(amount: string): number | null {
  const cents = parseDollars(amount);
  return cents === null || cents <= 0 ? null : cents;
}

/**
 * One deposit entry (apply, refund): one key per distinct entry, so a retried click posts once,
 * and a fresh key once an entry is done, so the next one with the same amount is a new one.
 */
export function useDepositEntry() {
  const keys = useRef(new IdempotencyKeys());
  const [done, setDone] = useState<string | null>(null);
  return {
    key: (entry: unknown) => keys.current.for(entry),
    done,
    finished: (message: string) => {
      keys.current = new IdempotencyKeys();
      setDone(message);
    },
  };
}

interface DepositFormProps<F extends string> {
  formId: string;
  title: string;
  errors: FormErrorState<F>;
  order: readonly F[];
  done: string | null;
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}

/** A titled deposit form: its heading names it, then the error summary and the last entry done. */
export function DepositForm<F extends string>({
  formId,
  title,
  errors,
  order,
  done,
  onSubmit,
  children,
}: DepositFormProps<F>) {
  return (
    <form id={formId} noValidate onSubmit={onSubmit} aria-labelledby={`${formId}-title`}>
      <h4 id={`${formId}-title`}>{title}</h4>
      <ErrorSummary formId={formId} errors={errors} order={order} />
      {done ? <Notice tone="success">{done}</Notice> : null}
      {children}
    </form>
  );
}
