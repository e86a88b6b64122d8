import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Medication, Pharmacy } from '@portico/contracts';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFocusOnMount } from '../schedule-admin';
import { medicationProblem } from './problems';
import type { RefillChoice } from './RefillForm';

interface RefillReviewProps {
  medication: Medication;
  pharmacy: Pharmacy | undefined;
  choice: RefillChoice;
  sending: boolean;
  error: unknown;
  onChange: () => void;
  onSend: () => void;
}

/** Step two: everything that will be sent, in one place; nothing leaves until Send request. */
export function RefillReview({ medication: m, pharmacy, choice, sending, error, onChange, onSend }: RefillReviewProps) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const problem = error ? medicationProblem(t, error) : '';
  useEffect(() => {
    if (problem) document.getElementById('refill-send-error')?.focus();
  }, [problem]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSend();
  };
  return (
    <form className="panel" onSubmit={onSubmit} noValidate aria-labelledby="refill-review-title">
      <h2 id="refill-review-title" ref={heading} tabIndex={-1}>
        {t('medications.refill.reviewTitle')}
      </h2>
      <p className="hint">{t('medications.refill.reviewIntro')}</p>
      {problem ? (
        <div className="error-summary" role="alert" tabIndex={-1} id="refill-send-error">
          <p className="error-summary__title">{problem}</p>
        </div>
      ) : null}
      <dl className="md-facts">
        <div>
          <dt>{t('medications.refill.medication')}</dt>
          <dd>
            {m.name} {m.strength}
          </dd>
        </div>
        <div>
          <dt>{t('medications.refill.pharmacy')}</dt>
          <dd>
            {pharmacy ? (
              <>
                {pharmacy.name}
                <br />
                {pharmacy.addressLine1}, {pharmacy.city}, {pharmacy.state} {pharmacy.postalCode}
                <br />
                {pharmacy.phone}
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('medications.refill.answerer')}</dt>
          <dd data-testid="refill-answerer">
            {t(`medications.refill.answeredBy.${m.refillAnsweredBy.kind}`, {
              name: m.refillAnsweredBy.name,
              prescriber: m.prescriber.name,
            })}
          </dd>
        </div>
        <div>
          <dt>{t('medications.refill.noteReview')}</dt>
          <dd>{choice.note.trim() || t('medications.refill.noNote')}</dd>
        </div>
      </dl>
      <div className="button-row">
        <SubmitButton pending={sending}>{t('medications.refill.submit')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onChange}>
          {t('medications.refill.change')}
        </button>
      </div>
    </form>
  );
}
