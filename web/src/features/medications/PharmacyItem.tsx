import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pharmacy } from '@portico/contracts';
import { telHref } from '../../app/ui/format';
import { useFocusOnMount } from '../schedule-admin';
import { useRemovePharmacy } from './api';
import { PharmacyForm } from './PharmacyForm';
import { medicationProblem } from './problems';

interface PharmacyItemProps {
  pharmacy: Pharmacy;
  onDone: (message: string) => void;
}

/** One saved pharmacy: where it is, its phone; edit it in place or remove it after a confirm step. */
export function PharmacyItem({ pharmacy: p, onDone }: PharmacyItemProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'edit' | 'remove'>('view');
  const [problem, setProblem] = useState('');
  const remove = useRemovePharmacy();
  const editButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const headingId = `pharmacy-${p.id}-name`;
  const back = (to: 'edit' | 'remove') => {
    setMode('view');
    window.requestAnimationFrame(() => (to === 'edit' ? editButton : removeButton).current?.focus());
  };

  return (
    <li className="md-item" aria-labelledby={headingId}>
      <h3 id={headingId} className="md-item__name">
        {p.name}
      </h3>
      {p.preferred ? (
        <p className="md-tags">
          <span className="tag tag--ok">{t('medications.pharmacies.preferredTag')}</span>
        </p>
      ) : null}
      <p className="md-address">
        {p.addressLine1}
        {p.addressLine2 ? (
          <>
            <br />
            {p.addressLine2}
          </>
        ) : null}
        <br />
        {p.city}, {p.state} {p.postalCode}
        <br />
        <a href={telHref(p.phone)}>{p.phone}</a>
        {p.ncpdpId ? (
          <>
            <br />
            {t('medications.pharmacies.ncpdp', { id: p.ncpdpId })}
          </>
        ) : null}
      </p>
      {mode === 'view' ? (
        <div className="button-row">
          <button ref={editButton} type="button" className="button button--secondary" onClick={() => setMode('edit')}>
            {t('medications.pharmacies.edit')}
            <span className="visually-hidden"> {p.name}</span>
          </button>
          <button ref={removeButton} type="button" className="button button--quiet" onClick={() => setMode('remove')}>
            {t('medications.pharmacies.remove')}
            <span className="visually-hidden"> {p.name}</span>
          </button>
        </div>
      ) : null}
      {mode === 'edit' ? (
        <PharmacyForm
          pharmacy={p}
          onCancel={() => back('edit')}
          onSaved={(saved) => {
            setMode('view');
            onDone(t('medications.pharmacies.saved', { name: saved.name }));
          }}
        />
      ) : null}
      {mode === 'remove' ? (
        <ConfirmRemove
          name={p.name}
          pending={remove.isPending}
          onKeep={() => back('remove')}
          onRemove={() => {
            if (remove.isPending) return;
            setProblem('');
            remove.mutate(p.id, {
              onSuccess: () => onDone(t('medications.pharmacies.removed', { name: p.name })),
              onError: (error) => setProblem(medicationProblem(t, error)),
            });
          }}
        />
      ) : null}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}

function ConfirmRemove(props: { name: string; pending: boolean; onKeep: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLParagraphElement>();
  return (
    <div className="panel md-confirm">
      <p ref={ref} tabIndex={-1}>
        {t('medications.pharmacies.confirmRemove', { name: props.name })}
      </p>
      <div className="button-row">
        <button type="button" className="button" aria-disabled={props.pending || undefined} onClick={props.onRemove}>
          {t('medications.pharmacies.confirmRemoveYes')}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onKeep}>
          {t('medications.pharmacies.keep')}
        </button>
      </div>
    </div>
  );
}
