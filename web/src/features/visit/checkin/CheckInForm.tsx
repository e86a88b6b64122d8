import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CheckInBody, VisitView } from '@portico/contracts';
import { isApiError } from '../../../app/api';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { TextField } from '../../../app/forms/Field';
import { InterpreterQuestion } from '../../../app/forms/InterpreterQuestion';
import { likelyInterpreterLanguages } from '../../../app/i18n/languageNames';
import { SubmitButton } from '../../../app/forms/SubmitButton';
import { useFormErrors, type FieldErrors } from '../../../app/forms/useFormErrors';
import { useVisitAction } from '../api';
import { CheckField, TextAreaField } from '../fields';
import { isUsState } from '../places';
import { likelyCountries } from './CountryPicker';
import { CONSENT_VERSION, ConsentText } from './consent';
import { LocationFields } from './LocationFields';
import { PrimaryCoverageNote } from '../../profile';

const FORM_ID = 'checkin';
const FIELDS = ['country', 'region', 'contactPhone', 'questions', 'consentAccepted'] as const;
type Field = (typeof FIELDS)[number];
const PHONE = /^[+0-9 ().-]{7,40}$/;

interface CheckInFormProps {
  view: VisitView;
  /** From the patient's record, when we have it. */
  phoneOnFile: string;
  /** The address on file (country, and state in the US): where the patient most likely is. */
  addressOnFile: { country: string; region: string | null } | null;
  onSaved: () => void;
  /** The location was refused by the server: the page shows why. */
  onRefused: () => void;
}

/** E-check-in: where the patient is, medications, questions, phone, insurance, consent. */
export function CheckInForm({ view, phoneOnFile, addressOnFile, onSaved, onRefused }: CheckInFormProps) {
  const { t, i18n } = useTranslation();
  const previous = view.checkIn.answers;
  // Null until chosen, so the address on file can still arrive after the form is shown.
  const [chosenCountry, setCountry] = useState<string | null>(previous?.locationCountry ?? null);
  const [chosenRegion, setRegion] = useState<string | null>(previous?.locationRegion ?? null);
  const country = chosenCountry ?? addressOnFile?.country ?? '';
  const addressRegion =
    addressOnFile?.country === 'US' && addressOnFile.region && isUsState(addressOnFile.region)
      ? addressOnFile.region
      : '';
  const region = chosenRegion ?? (country === 'US' ? addressRegion : '');
  const likely = likelyCountries(addressOnFile?.country, navigator.languages);
  const [medications, setMedications] = useState(previous?.medicationsConfirmed ?? false);
  const [questions, setQuestions] = useState(previous?.questions ?? '');
  // Null until edited, so the number on file can still arrive after the form is shown.
  const [typedPhone, setPhone] = useState<string | null>(null);
  const phone = typedPhone ?? previous?.contactPhone ?? phoneOnFile;
  const [insurance, setInsurance] = useState(previous?.insuranceConfirmed ?? false);
  const [consent, setConsent] = useState(false);
  // Asked at booking too: the appointment's answer is the starting point.
  const [interpreter, setInterpreter] = useState<string | null>(
    previous ? (previous.interpreterLanguage ?? '') : view.interpreterLanguage,
  );
  const { errors, fail, failWith, clear } = useFormErrors<Field>(FIELDS);
  const action = useVisitAction(view.appointmentId);
  const consentChanged = view.checkIn.consentVersion !== CONSENT_VERSION;

  const check = (): FieldErrors<Field> => {
    const found: FieldErrors<Field> = {};
    if (country === '') found.country = t('visit.checkIn.errors.country');
    else if (country === 'US' && region === '') found.region = t('visit.checkIn.errors.region');
    if (!PHONE.test(phone.trim())) found.contactPhone = t('visit.checkIn.errors.phone');
    if (!consent) found.consentAccepted = t('visit.checkIn.errors.consent');
    return found;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (action.isPending) return;
    const found = check();
    if (Object.keys(found).length > 0) return fail(found);
    clear();
    const body: CheckInBody = {
      location: country === 'US' ? { country, region } : { country },
      medicationsConfirmed: medications,
      questions: questions.trim(),
      contactPhone: phone.trim(),
      insuranceConfirmed: insurance,
      consentVersion: CONSENT_VERSION,
      consentAccepted: consent,
      ...(interpreter ? { interpreterLanguage: interpreter } : {}),
    };
    action.mutate(
      { kind: 'check-in', body },
      {
        onSuccess: onSaved,
        onError: (error) => {
          if (isApiError(error) && error.code === 'location_not_allowed') onRefused();
          else failWith(error);
        },
      },
    );
  };

  if (consentChanged) {
    return (
      <div className="notice notice--warning" role="alert">
        <div className="notice__body">{t('visit.checkIn.consentChanged')}</div>
      </div>
    );
  }

  return (
    <form className="form vi-checkin" noValidate onSubmit={submit} aria-labelledby="checkin-title">
      <h2 id="checkin-title">{t('visit.checkIn.title')}</h2>
      <p>{t('visit.checkIn.intro')}</p>
      <ErrorSummary formId={FORM_ID} errors={errors} order={FIELDS} />
      <LocationFields
        formId={FORM_ID}
        appointmentId={view.appointmentId}
        clinicianName={view.clinicianName}
        allowedRegions={view.checkIn.allowedRegions}
        likelyCountries={likely}
        country={country}
        region={region}
        errors={errors.fields}
        onCountry={(value) => {
          setCountry(value);
          if (value !== 'US') setRegion('');
        }}
        onRegion={setRegion}
      />
      <CheckField
        formId={FORM_ID}
        name="medicationsConfirmed"
        label={t('visit.checkIn.medications.label')}
        hint={
          <>
            {t('visit.checkIn.medications.hintBefore')}{' '}
            <Link to="/medications">{t('visit.checkIn.medications.link')}</Link>
            {t('visit.checkIn.medications.hintAfter')}
          </>
        }
        checked={medications}
        onChange={setMedications}
      />
      <TextAreaField
        formId={FORM_ID}
        name="questions"
        label={t('visit.checkIn.questions.label')}
        hint={t('visit.checkIn.questions.hint')}
        maxLength={2000}
        value={questions}
        error={errors.fields.questions}
        onChange={(event) => setQuestions(event.target.value)}
      />
      <TextField
        formId={FORM_ID}
        name="contactPhone"
        type="tel"
        autoComplete="tel"
        width="medium"
        label={t('visit.checkIn.phone.label')}
        hint={t('visit.checkIn.phone.hint')}
        value={phone}
        error={errors.fields.contactPhone}
        onChange={(event) => setPhone(event.target.value)}
      />
      <CheckField
        formId={FORM_ID}
        name="insuranceConfirmed"
        label={t('visit.checkIn.insurance.label')}
        hint={
          <>
            {t('visit.checkIn.insurance.hint', { phone: view.organizationPhone })} <PrimaryCoverageNote />
          </>
        }
        checked={insurance}
        onChange={setInsurance}
      />
      <InterpreterQuestion
        formId={FORM_ID}
        value={interpreter}
        onChange={setInterpreter}
        likely={likelyInterpreterLanguages(i18n.language)}
      />
      <ConsentText id="checkin-consent" />
      <CheckField
        formId={FORM_ID}
        name="consentAccepted"
        label={t(`visit.consent.${CONSENT_VERSION}.accept`)}
        error={errors.fields.consentAccepted}
        checked={consent}
        onChange={setConsent}
      />
      <SubmitButton pending={action.isPending}>{t('visit.checkIn.submit')}</SubmitButton>
    </form>
  );
}
