import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatMrn, type Registration } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { formatDate, languageName } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useDecideRegistration, useRegistration } from './api';

function Details({ r }: { r: Registration }) {
  const { t, i18n } = useTranslation();
  const none = t('common.notGiven');
  // An address's lines, not a list: the comma is how addresses are written on one line.
  // eslint-disable-next-line no-restricted-syntax
  const address = [r.address.line1, r.address.line2, r.address.city, r.address.region, r.address.postalCode]
    .filter(Boolean)
    .join(', ');
  return (
    <dl className="details">
      <div>
        <dt>{t('registration.form.birthDate')}</dt>
        <dd>{formatDate(r.birthDate, i18n.language)}</dd>
      </div>
      <div>
        <dt>{t('registration.form.email')}</dt>
        <dd>{r.email ?? none}</dd>
      </div>
      <div>
        <dt>{t('registration.form.phone')}</dt>
        <dd>{r.phone ?? none}</dd>
      </div>
      <div>
        <dt>{t('registration.form.language')}</dt>
        <dd>{languageName(r.preferredLanguage, i18n.language)}</dd>
      </div>
      <div>
        <dt>{t('registration.form.address')}</dt>
        <dd>{[address, r.address.country].filter(Boolean).join(' · ')}</dd>
      </div>
      <div>
        <dt>{t('registration.staff.payment')}</dt>
        <dd>
          {r.payment === 'insurance'
            ? t('registration.staff.insurance', { payer: r.payerName ?? '', member: r.memberId ?? '' })
            : t('registration.staff.selfPay')}
        </dd>
      </div>
    </dl>
  );
}

/** One registration held as a possible duplicate: confirm as new, or match to an existing patient. */
export function RegistrationReviewPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const fromForm = (useLocation().state as { duplicate?: boolean } | null)?.duplicate === true;
  const { data: r, error, isLoading } = useRegistration(id);
  const decide = useDecideRegistration(id);

  if (isLoading) return <Loading />;
  if (!r) {
    return (
      <>
        <PageTitle>{t('registration.staff.reviewTitle')}</PageTitle>
        <ErrorMessage>{messageForError(t, error)}</ErrorMessage>
      </>
    );
  }
  const pending = r.status === 'possible_duplicate';
  return (
    <>
      <PageTitle>{`${t('registration.staff.reviewTitle')}: ${r.givenName} ${r.familyName}`}</PageTitle>
      {fromForm && pending ? <Notice tone="warning">{t('registration.staff.duplicate')}</Notice> : null}
      {r.status === 'confirmed' && r.mrn ? (
        <Notice tone="success">{t('registration.staff.confirmed', { mrn: formatMrn(r.mrn) })}</Notice>
      ) : null}
      {r.status === 'merged' && r.mrn ? (
        <Notice tone="success">{t('registration.staff.merged', { mrn: formatMrn(r.mrn) })}</Notice>
      ) : null}
      {decide.error ? <ErrorMessage>{messageForError(t, decide.error)}</ErrorMessage> : null}
      <h2>{t('registration.staff.registered')}</h2>
      <Details r={r} />
      <h2>{t('registration.staff.candidates')}</h2>
      <ul className="plain-list">
        {r.candidates.map((c) => (
          <li key={c.patientId} className="card">
            <p>
              <Link to={`/patients/${c.patientId}`}>
                {c.givenName} {c.familyName}
              </Link>{' '}
              · <span translate="no">MRN {formatMrn(c.mrn)}</span>
            </p>
            <p className="hint">
              {formatDate(c.birthDate, i18n.language)} · {c.email ?? ''} {c.phone ?? ''} ·{' '}
              {c.hasAccount ? t('registration.staff.account') : t('registration.staff.noAccount')}
            </p>
            {pending ? (
              <>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ kind: 'merge', patientId: c.patientId })}
                >
                  {t('registration.staff.merge')}
                </button>
                <p className="hint">{t('registration.staff.mergeHint')}</p>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {pending ? (
        <section className="section">
          <button
            type="button"
            className="button"
            disabled={decide.isPending}
            onClick={() => decide.mutate({ kind: 'confirm' })}
          >
            {t('registration.staff.confirm')}
          </button>
          <p className="hint">{t('registration.staff.confirmHint')}</p>
        </section>
      ) : null}
      {r.patientId ? (
        <p>
          <Link to={`/patients/${r.patientId}`}>{t('registration.staff.open')}</Link>
        </p>
      ) : null}
    </>
  );
}
