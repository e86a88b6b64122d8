import type { InternationalRequest } from '@portico/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { messageForError } from '../../app/errors';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { useIntlStaffAction, useRequest } from './api';
import { formatDayOf } from '../../app/ui/format';
import { formattingLocale } from '../../app/i18n';

const FIELDS = ['doctorName', 'expiresInDays'] as const;

/**
 * Staff: the links a patient's home-country doctor uses for this case. A new link is shown in
 * full once, to copy into a letter or email; after that only its name and dates are known.
 */
export function DoctorLinks({ request: r }: { request: InternationalRequest }) {
  const { t, i18n } = useTranslation();
  const { createLink, revokeLink } = useIntlStaffAction();
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const [name, setName] = useState(r.details.doctorName ?? '');
  const [days, setDays] = useState('14');
  const [fresh, setFresh] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  // The queue leaves links out; they are read (and the look audited) when the section opens.
  const [open, setOpen] = useState(false);
  const full = useRequest(r.id, open);
  const formId = `intl-link-${r.id}`;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (createLink.isPending) return;
    clear();
    const n = Number(days);
    const problems: FieldErrors<(typeof FIELDS)[number]> = {};
    if (!name.trim()) problems.doctorName = t('international.links.nameRequired');
    if (!Number.isInteger(n) || n < 1 || n > 90) problems.expiresInDays = t('international.links.daysInvalid');
    if (Object.keys(problems).length > 0) return fail(problems);
    setFresh(null);
    setCopied(false);
    createLink.mutate(
      { requestId: r.id, body: { doctorName: name.trim(), expiresInDays: n } },
      { onSuccess: (link) => setFresh(link.link ?? null), onError: failWith },
    );
  };
  const copy = () => {
    if (!fresh) return;
    void navigator.clipboard?.writeText(fresh).then(() => setCopied(true));
  };
  // Whether a link has expired, as of when the list was read.
  const now = full.dataUpdatedAt;
  const links = full.data?.doctorLinks ?? [];
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('international.links.title')}</summary>
      {revokeLink.isError ? <ErrorMessage>{messageForError(t, revokeLink.error)}</ErrorMessage> : null}
      {links.length > 0 ? (
        <ul className="plain-list">
          {links.map((l) => {
            const state = l.revokedAt ? 'revoked' : new Date(l.expiresAt).getTime() <= now ? 'expired' : 'active';
            return (
              <li key={l.id}>
                {t(`international.links.state.${state}`, {
                  name: l.doctorName,
                  date: formatDayOf(l.revokedAt ?? l.expiresAt, formattingLocale(i18n.language)),
                })}{' '}
                {state === 'active' ? (
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={revokeLink.isPending}
                    onClick={() => revokeLink.mutate({ requestId: r.id, linkId: l.id })}
                  >
                    {t('international.links.revoke', { name: l.doctorName })}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {fresh ? (
        <Notice tone="success" title={t('international.links.created')}>
          <p>{t('international.links.copyOnce')}</p>
          <TextField
            formId={formId}
            name="link"
            label={t('international.links.link')}
            readOnly
            value={fresh}
            onFocus={(e) => e.target.select()}
          />
          <button type="button" className="button button--secondary" onClick={copy}>
            {copied ? t('international.links.copied') : t('international.links.copy')}
          </button>
        </Notice>
      ) : null}
      <form id={formId} noValidate onSubmit={onSubmit}>
        <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
        <TextField
          formId={formId}
          name="doctorName"
          label={t('international.links.doctorName')}
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fields.doctorName}
        />
        <TextField
          formId={formId}
          name="expiresInDays"
          label={t('international.links.days')}
          width="short"
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={errors.fields.expiresInDays}
        />
        <SubmitButton pending={createLink.isPending}>{t('international.links.create')}</SubmitButton>
      </form>
    </details>
  );
}
