import { useEffect, useRef, useState } from 'react';

interface ConfirmButtonProps {
  /** Visible text of the first button, e.g. "Remove". */
  label: string;
  /** Read after the label by screen readers, naming what it acts on. */
  what: string;
  question: string;
  yes: string;
  no: string;
  pending: boolean;
  onConfirm: () => void;
}

/**
 * A destructive action in two steps: the first press asks, the second does it. Focus moves to
 * the safe answer when asked and back to the button when the answer is no.
 */
export function ConfirmButton({ label, what, question, yes, no, pending, onConfirm }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  const safe = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) safe.current?.focus();
    else if (wasAsking.current) first.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={first} type="button" className="button button--quiet" onClick={() => setAsking(true)}>
        {label}
        <span className="visually-hidden"> {what}</span>
      </button>
    );
  }
  return (
    <div className="sa-confirm" role="group" aria-label={question}>
      <p className="small">{question}</p>
      <button
        type="button"
        className="button button--quiet"
        aria-disabled={pending || undefined}
        onClick={() => {
          if (!pending) onConfirm();
        }}
      >
        {yes}
      </button>
      <button ref={safe} type="button" className="button button--secondary" onClick={() => setAsking(false)}>
        {no}
      </button>
    </div>
  );
}
