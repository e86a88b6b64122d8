import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RefillDecision, RefillDecisionBody, RefillQueueItem } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { TextAreaField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { isApiError } from '../../app/api';
import { useFocusOnMount } from '../schedule-admin';
import { useDecideRefill } from './api';
import { medicationProblem } from './problems';

const FIELDS = ['quantity', 'reason'] as const;
const REASON_MAX = 1000;

interface DecisionFormProps {
  request: RefillQueueItem;
  decision: RefillDecision;
  onDone: (message: string) => void;
  onClose: () => void;
}

/** Approve (another quantity if need be), deny, or ask for a visit; the last two tell the patient why. */
export function DecisionForm({ request: r, decision, onDone, onClose }: DecisionFormProps) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const formId = `decide-${decision}-${r.id}`;
  const [quantity, setQuantity] = useState(String(r.quantity));
  const [reason, setReason] = useState('');
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const decide = useDecideRefill(r.id);
  const names = { medication: r.medicationName, patient: r.patient.name };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (decide.isPending) return;
    const text = reason.trim();
    const qty = Number(quantity.trim());
    if (decision === 'approve' && (!/^[0-9]+$/.test(quantity.trim()) || qty < 1 || qty > 10000)) {
      return fail({ quantity: t('medications.queue.quantityInvalid') });
    }
    if (decision !== 'approve' && text === '') {
      return fail({ reason: t(`medications.queue.reasonRequired.${decision}`) });
    }
    if (text.length > REASON_MAX) return fail({ reason: t('medications.queue.reasonTooLong', { max: REASON_MAX }) });
    clear();
    const body: RefillDecisionBody = {
      decision,
      ...(decision === 'approve' && qty !== r.quantity ? { quantity: qty } : {}),
      ...(text ? { reason: text } : {}),
    };
    decide.mutate(body, {
      onSuccess: () => onDone(t(`medications.queue.done.${decision}`, names)),
      onError: (error) => {
        if (isApiError(error) && error.fieldErrors.length > 0) failWith(error);
        else fail({}, [medicationProblem(t, error)]);
      },
    });
  };

  return (
    <form
      className={decision === 'approve' ? 'panel md-decide' : 'panel md-decide md-decide--warning'}
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${formId}-title`}
    >
      <h4 id={`${formId}-title`} ref={heading} tabIndex={-1} className="md-decide__title">
        {t(`medications.queue.panel.${decision}`, names)}
      </h4>
      <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
      {decision === 'approve' ? (
        <TextField
          formId={formId}
          name="quantity"
          label={t('medications.queue.quantity', { unit: r.quantityUnit })}
          hint={t('medications.queue.quantityHint', { count: r.quantity, left: r.refillsRemaining })}
          inputMode="numeric"
          width="short"
          value={quantity}
          onChange={(event) => setQuantity(event.target.value)}
          error={errors.fields.quantity}
        />
      ) : null}
      <TextAreaField
        formId={formId}
        name="reason"
        label={decision === 'approve' ? t('medications.queue.reasonOptional') : t('medications.queue.reason')}
        hint={t('medications.queue.reasonHint')}
        maxLength={REASON_MAX}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={errors.fields.reason}
      />
      <div className="button-row">
        <SubmitButton pending={decide.isPending}>{t(`medications.queue.submit.${decision}`)}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('medications.queue.keep')}
        </button>
      </div>
    </form>
  );
}
