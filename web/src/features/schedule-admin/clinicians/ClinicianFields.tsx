import { useTranslation } from 'react-i18next';
import { Checkbox, TextAreaField, TextField } from '../../../app/forms/Field';
import { languageName } from '../../../app/ui/format';
import { PATIENT_LANGUAGES } from '../../staff';
import { CheckboxGroup } from '../shared/CheckboxGroup';
import { OrganizationSelect } from '../shared/OrganizationSelect';
import { ServiceLineSelect } from '../shared/ServiceLineSelect';
import { AreaChecklist } from './AreaChecklist';
import { VISIT_MODES, type ClinicianField, type ClinicianValues } from './clinicianValues';

interface ClinicianFieldsProps {
  formId: string;
  values: ClinicianValues;
  set: <K extends keyof ClinicianValues>(name: K, value: ClinicianValues[K]) => void;
  errors: Partial<Record<ClinicianField, string>>;
  isNew: boolean;
}

/** The profile fields, in the order the error summary lists them. */
export function ClinicianFields({ formId, values, set, errors, isNew }: ClinicianFieldsProps) {
  const { t, i18n } = useTranslation();
  const text = (name: 'givenName' | 'familyName' | 'credentials' | 'specialty', hint?: string) => (
    <TextField
      formId={formId}
      name={name}
      label={t(`scheduleAdmin.clinicianForm.${name}`)}
      hint={hint}
      autoComplete="off"
      value={values[name]}
      onChange={(event) => set(name, event.target.value)}
      error={errors[name]}
    />
  );

  return (
    <>
      <OrganizationSelect
        formId={formId}
        value={values.organizationId}
        onChange={(id) => {
          set('organizationId', id);
          set('clinicalAreaIds', []);
        }}
        error={errors.organizationId}
      />
      {text('givenName')}
      {text('familyName')}
      {text('credentials', t('scheduleAdmin.clinicianForm.credentialsHint'))}
      {text('specialty', t('scheduleAdmin.clinicianForm.specialtyHint'))}
      <ServiceLineSelect
        formId={formId}
        value={values.serviceLineCode}
        onChange={(code) => set('serviceLineCode', code)}
        error={errors.serviceLineCode}
      />
      <AreaChecklist
        formId={formId}
        organizationId={values.organizationId}
        serviceLineCode={values.serviceLineCode}
        selected={values.clinicalAreaIds}
        onChange={(ids) => set('clinicalAreaIds', ids)}
        error={errors.clinicalAreaIds}
      />
      <CheckboxGroup
        formId={formId}
        name="languages"
        legend={t('scheduleAdmin.clinicianForm.languages')}
        options={PATIENT_LANGUAGES.map((code) => ({ value: code, label: languageName(code, i18n.language) }))}
        selected={values.languages}
        onChange={(next) => set('languages', next)}
        error={errors.languages}
      />
      <TextField
        formId={formId}
        name="otherLanguages"
        label={t('scheduleAdmin.clinicianForm.otherLanguages')}
        hint={t('scheduleAdmin.clinicianForm.otherLanguagesHint')}
        autoComplete="off"
        spellCheck={false}
        width="medium"
        value={values.otherLanguages}
        onChange={(event) => set('otherLanguages', event.target.value)}
        error={errors.otherLanguages}
      />
      <TextField
        formId={formId}
        name="licensedStates"
        label={t('scheduleAdmin.clinicianForm.licensedStates')}
        hint={t('scheduleAdmin.clinicianForm.licensedStatesHint')}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        width="medium"
        value={values.licensedStates}
        onChange={(event) => set('licensedStates', event.target.value)}
        error={errors.licensedStates}
      />
      <CheckboxGroup
        formId={formId}
        name="visitModes"
        legend={t('scheduleAdmin.clinicianForm.visitModes')}
        options={VISIT_MODES.map((mode) => ({ value: mode, label: t(`scheduleAdmin.modes.${mode}`) }))}
        selected={values.visitModes}
        onChange={(next) => set('visitModes', next)}
        error={errors.visitModes}
      />
      <fieldset className="sa-fieldset">
        <legend className="field__label">{t('scheduleAdmin.clinicianForm.booking')}</legend>
        <Checkbox
          formId={formId}
          name="acceptingNewPatients"
          label={t('scheduleAdmin.clinicianForm.acceptingNewPatients')}
          checked={values.acceptingNewPatients}
          onChange={(on) => set('acceptingNewPatients', on)}
        />
        <Checkbox
          formId={formId}
          name="selfScheduling"
          label={t('scheduleAdmin.clinicianForm.selfScheduling')}
          checked={values.selfScheduling}
          onChange={(on) => set('selfScheduling', on)}
        />
        {isNew ? null : (
          <Checkbox
            formId={formId}
            name="active"
            label={t('scheduleAdmin.clinicianForm.active')}
            checked={values.active}
            onChange={(on) => set('active', on)}
          />
        )}
      </fieldset>
      <TextAreaField
        formId={formId}
        name="bio"
        label={t('scheduleAdmin.clinicianForm.bio')}
        hint={t('scheduleAdmin.clinicianForm.bioHint')}
        rows={5}
        maxLength={2000}
        value={values.bio}
        onChange={(event) => set('bio', event.target.value)}
        error={errors.bio}
      />
    </>
  );
}
