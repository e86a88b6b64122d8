import { useEffect, useId, useRef, useState } from 'react';

interface ConfirmRemoveProps {
  /** The button that opens the question, e.g. "Withdraw access". */
  openLabel: string;
  /** Its accessible name, naming the person. */
  openName: string;
  title: string;
  text: string;
  confirmLabel: string;
  cancelLabel: string;
  pending: boolean;
  onConfirm: () => void;
}

/** Two steps for something that can't be undone in one click: ask, then do. Focus follows. */
export function ConfirmRemove(props: ConfirmRemoveProps) {
  const [asking, setAsking] = useState(false);
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) heading.current?.focus();
    else if (wasAsking.current) opener.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={opener}
        type="button"
        className="button button--secondary"
        aria-label={props.openName}
        onClick={() => setAsking(true)}
      >
        {props.openLabel}
      </button>
    );
  }
  return (
    <div className="sh-confirm" role="group" aria-labelledby={titleId}>
      <h4 id={titleId} ref={heading} tabIndex={-1} className="sh-confirm__title">
        {props.title}
      </h4>
      <p>{props.text}</p>
      <div className="button-row">
        <button
          type="button"
          className="button sh-danger"
          aria-disabled={props.pending || undefined}
          onClick={() => !props.pending && props.onConfirm()}
        >
          {props.confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
          {props.cancelLabel}
        </button>
      </div>
    </div>
  );
}
