import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pharmacy, PharmacyBody } from '@portico/contracts';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { Checkbox, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../app/forms/useFormErrors';
import { useFormValues } from '../../app/forms/useFormValues';
import { useFocusOnMount } from '../schedule-admin';
import { useSavePharmacy } from './api';

const FIELDS = ['name', 'addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'phone', 'ncpdpId'] as const;
type Field = (typeof FIELDS)[number];

type Checked = Exclude<Field, 'addressLine2'>;

/** The same checks the server makes, so most mistakes are named before anything is sent. */
function check(v: Record<Field, string>): Checked[] {
  const digits = v.phone.replace(/[^0-9]/g, '');
  const wrong: [Checked, boolean][] = [
    ['name', v.name.trim().length < 2],
    ['addressLine1', v.addressLine1.trim() === ''],
    ['city', v.city.trim() === ''],
    ['state', !/^[A-Za-z]{2}$/.test(v.state.trim())],
    ['postalCode', !/^[0-9]{5}(-[0-9]{4})?$/.test(v.postalCode.trim())],
    ['phone', digits.length < 7 || digits.length > 15 || !/^[0-9+().\s-]+$/.test(v.phone.trim())],
    ['ncpdpId', v.ncpdpId.trim() !== '' && !/^[0-9]{7}$/.test(v.ncpdpId.trim())],
  ];
  return wrong.filter(([, bad]) => bad).map(([name]) => name);
}

interface PharmacyFormProps {
  /** The pharmacy being changed; none to add one. */
  pharmacy?: Pharmacy;
  onSaved: (saved: Pharmacy) => void;
  onCancel: () => void;
}

/** Add or change a saved pharmacy. */
export function PharmacyForm({ pharmacy, onSaved, onCancel }: PharmacyFormProps) {
  const { t } = useTranslation();
  const formId = pharmacy ? `pharmacy-${pharmacy.id}` : 'pharmacy-new';
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const initial = useMemo(
    () => ({
      name: pharmacy?.name ?? '',
      addressLine1: pharmacy?.addressLine1 ?? '',
      addressLine2: pharmacy?.addressLine2 ?? '',
      city: pharmacy?.city ?? '',
      state: pharmacy?.state ?? '',
      postalCode: pharmacy?.postalCode ?? '',
      phone: pharmacy?.phone ?? '',
      ncpdpId: pharmacy?.ncpdpId ?? '',
    }),
    [pharmacy],
  );
  const { values, set } = useFormValues<Field>(initial);
  const [preferred, setPreferred] = useState(pharmacy?.preferred ?? false);
  const { errors, fail, failWith, clear } = useFormErrors(FIELDS);
  const save = useSavePharmacy(pharmacy?.id);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const wrong = check(values);
    if (wrong.length > 0) {
      const named: FieldErrors<Field> = {};
      for (const f of wrong) named[f] = t(`medications.pharmacies.checks.${f}`);
      return fail(named);
    }
    clear();
    const body: PharmacyBody = {
      name: values.name,
      addressLine1: values.addressLine1,
      city: values.city,
      state: values.state.trim().toUpperCase(),
      postalCode: values.postalCode,
      phone: values.phone,
      preferred,
      ...(values.addressLine2.trim() ? { addressLine2: values.addressLine2 } : {}),
      ...(values.ncpdpId.trim() ? { ncpdpId: values.ncpdpId } : {}),
    };
    save.mutate(body, { onSuccess: onSaved, onError: failWith });
  };

  const field = (
    name: Field,
    extra: {
      width?: 'full' | 'medium' | 'short';
      hint?: string;
      autoComplete?: string;
      type?: string;
      inputMode?: 'numeric' | 'tel';
    } = {},
  ) => (
    <TextField
      formId={formId}
      name={name}
      label={t(`medications.pharmacies.fields.${name}`)}
      value={values[name]}
      onChange={(event) => set(name, event.target.value)}
      error={errors.fields[name]}
      {...extra}
    />
  );

  return (
    <form className="panel md-form" onSubmit={onSubmit} noValidate aria-labelledby={`${formId}-title`}>
      <h3 id={`${formId}-title`} ref={heading} tabIndex={-1}>
        {pharmacy
          ? t('medications.pharmacies.editTitle', { name: pharmacy.name })
          : t('medications.pharmacies.addTitle')}
      </h3>
      <ErrorSummary formId={formId} errors={errors} order={FIELDS} />
      {field('name', { autoComplete: 'organization' })}
      {field('addressLine1', { autoComplete: 'address-line1' })}
      {field('addressLine2', { autoComplete: 'address-line2' })}
      {field('city', { autoComplete: 'address-level2', width: 'medium' })}
      {field('state', {
        autoComplete: 'address-level1',
        width: 'short',
        hint: t('medications.pharmacies.hints.state'),
      })}
      {field('postalCode', {
        autoComplete: 'postal-code',
        width: 'short',
        inputMode: 'numeric',
        hint: t('medications.pharmacies.hints.postalCode'),
      })}
      {field('phone', { type: 'tel', autoComplete: 'tel', width: 'medium' })}
      {field('ncpdpId', { width: 'medium', inputMode: 'numeric', hint: t('medications.pharmacies.hints.ncpdpId') })}
      <Checkbox
        formId={formId}
        name="preferred"
        label={t('medications.pharmacies.fields.preferred')}
        checked={preferred}
        onChange={setPreferred}
      />
      <div className="button-row">
        <SubmitButton pending={save.isPending}>{t('medications.pharmacies.save')}</SubmitButton>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('medications.pharmacies.cancel')}
        </button>
      </div>
    </form>
  );
}
