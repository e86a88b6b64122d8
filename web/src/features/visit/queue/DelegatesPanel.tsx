import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { TextField } from '../../../app/forms/Field';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { messageForError } from '../../../app/errors';
import { ErrorMessage } from '../../../app/ui/Notice';
import { useChangeDelegates, useDelegates } from '../api';

const FORM = 'vi-delegates';
const FIELDS = ['email'] as const;

/** A clinician names the staff (e.g. a medical assistant) who may let their patients in. */
export function DelegatesPanel() {
  const { t } = useTranslation();
  const list = useDelegates(true);
  const change = useChangeDelegates();
  const [email, setEmail] = useState('');
  const [done, setDone] = useState('');
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (change.isPending) return;
    setDone('');
    if (!email.includes('@')) {
      fail({ email: t('visit.delegates.emailNeeded') });
      return;
    }
    clear();
    change.mutate(
      { add: email.trim() },
      {
        onSuccess: () => {
          setDone(t('visit.delegates.added', { email: email.trim() }));
          setEmail('');
        },
        onError: (error) => failWith(error),
      },
    );
  };

  return (
    <section className="section vi-delegates" aria-labelledby="vi-delegates-title">
      <h2 id="vi-delegates-title">{t('visit.delegates.title')}</h2>
      <p>{t('visit.delegates.intro')}</p>
      {list.isError ? <ErrorMessage>{messageForError(t, list.error)}</ErrorMessage> : null}
      {list.data && list.data.delegates.length === 0 ? <p>{t('visit.delegates.none')}</p> : null}
      {list.data && list.data.delegates.length > 0 ? (
        <ul className="plain-list">
          {list.data.delegates.map((d) => (
            <li key={d.userId} className="vi-delegate">
              {d.name} ({d.email}){' '}
              <button
                type="button"
                className="button button--quiet"
                onClick={() =>
                  change.mutate(
                    { remove: d.userId },
                    { onSuccess: () => setDone(t('visit.delegates.removed', { name: d.name })) },
                  )
                }
              >
                {t('visit.delegates.remove', { name: d.name })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          formId={FORM}
          name="email"
          type="email"
          autoComplete="off"
          label={t('visit.delegates.email')}
          value={email}
          error={errors.fields.email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <button type="submit" className="button button--secondary" aria-disabled={change.isPending || undefined}>
          {t('visit.delegates.add')}
        </button>
      </form>
      <p role="status" className="hint">
        {done}
      </p>
    </section>
  );
}
