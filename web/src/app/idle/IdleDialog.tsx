import { useEffect, useRef, type KeyboardEvent, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface IdleDialogProps {
  open: boolean;
  /** The session reaches its absolute limit: it cannot be extended, only acknowledged. */
  atTimeLimit: boolean;
  visibleTime: string;
  spokenTime: string;
  error: string | null;
  busy: boolean;
  onStay: () => void;
  onSignOut: () => void;
}

/**
 * A modal alertdialog built on <dialog>: showModal() makes the page behind it inert, Tab is
 * kept inside, and Escape means "stay signed in" (the safe choice).
 */
export function IdleDialog(props: IdleDialogProps) {
  const { open, atTimeLimit, visibleTime, spokenTime, error, busy, onStay, onSignOut } = props;
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const stayRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      stayRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const onCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    onStay();
  };

  const keepFocusInside = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = ref.current.querySelectorAll<HTMLElement>('button:not([disabled])');
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      aria-describedby="idle-spoken"
      onCancel={onCancel}
      onKeyDown={keepFocusInside}
    >
      <h2 id="idle-title" className="dialog__title">
        {t('idle.title')}
      </h2>
      <p className="dialog__countdown" aria-hidden="true">
        {atTimeLimit ? t('idle.timeLimit', { time: visibleTime }) : t('idle.countdown', { time: visibleTime })}
      </p>
      <p id="idle-spoken" className="visually-hidden" aria-live="polite">
        {atTimeLimit ? t('idle.timeLimit', { time: spokenTime }) : t('idle.countdown', { time: spokenTime })}
      </p>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button ref={stayRef} type="button" className="button" onClick={onStay} aria-disabled={busy || undefined}>
          {atTimeLimit ? t('idle.continue') : t('idle.stay')}
        </button>
        <button type="button" className="button button--secondary" onClick={onSignOut}>
          {t('header.signOut')}
        </button>
      </div>
    </dialog>
  );
}
