import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { useFormErrors, type FormErrorState } from '../../app/forms/useFormErrors';
import { Notice } from '../../app/ui/Notice';
import { IdempotencyKeys } from '../appointments';
import { parseDollars } from '../billing';

/** Dollars typed by staff as whole cents, or null when it is not an amount above zero. */
export function positiveCents(amount: string): number | null {
  const cents = parseDollars(amount);
  return cents === null || cents <= 0 ? null : cents;
}

interface Sender<V> {
  mutate: (vars: V & { key: string }, options: { onSuccess: () => void; onError: (error: unknown) => void }) => void;
}

/**
 * One deposit entry (apply, refund) and its errors. Each distinct entry has one key, so a retried
 * click posts once; once an entry is done the key is fresh, so the next one with the same amount
 * is a new one.
 */
export function useDepositEntry<F extends string>(fields: readonly F[]) {
  const { errors, fail, failWith, clear } = useFormErrors(fields);
  const keys = useRef(new IdempotencyKeys());
  const [done, setDone] = useState<string | null>(null);
  /** Sends the entry; when it is done, `finished` clears the fields and says what was done. */
  const send = <V extends object>(action: Sender<V>, entry: V, finished: () => string) =>
    action.mutate(
      { ...entry, key: keys.current.for(entry) },
      {
        onSuccess: () => {
          keys.current = new IdempotencyKeys();
          setDone(finished());
        },
        onError: failWith,
      },
    );
  return { errors, fail, clear, done, send };
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
