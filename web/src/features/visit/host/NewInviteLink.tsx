import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestInvite } from '@portico/contracts';

/** The new link, shown once: copy it and pass it on (it is never shown again). */
export function NewInviteLink({ invite, onDone }: { invite: GuestInvite; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const link = invite.link ?? '';

  useEffect(() => {
    box.current?.focus();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      // No clipboard access: select the text so a long-press or Ctrl+C copies it.
      input.current?.select();
      setCopied('no');
    }
  };

  return (
    <div className="notice notice--success vi-new-link" tabIndex={-1} ref={box} aria-labelledby="vi-new-link-title">
      <p className="notice__title" id="vi-new-link-title">
        {t('visit.host.guests.created', { label: invite.label })}
      </p>
      <div className="notice__body">
        <p>{t('visit.host.guests.onlyOnce')}</p>
        <label className="field__label" htmlFor="vi-new-link">
          {t('visit.host.guests.linkLabel')}
        </label>
        <input
          id="vi-new-link"
          ref={input}
          className="input mono"
          readOnly
          value={link}
          onFocus={(event) => event.target.select()}
        />
        <div className="button-row">
          <button type="button" className="button" onClick={() => void copy()}>
            {t('visit.host.guests.copy')}
          </button>
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('visit.host.guests.done')}
          </button>
        </div>
        <p role="status" className="copy-status">
          {copied === 'yes'
            ? t('visit.host.guests.copied')
            : copied === 'no'
              ? t('visit.host.guests.copyManually')
              : ''}
        </p>
      </div>
    </div>
  );
}
