import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ResultCategory, ResultReleaseSettings } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { ErrorSummary } from '../../app/forms/ErrorSummary';
import { SelectField, TextField } from '../../app/forms/Field';
import { SubmitButton } from '../../app/forms/SubmitButton';
import { useFormErrors } from '../../app/forms/useFormErrors';
import { useOrganizations } from '../../app/queries';
import { useRequiredSession } from '../../app/session/context';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useReleaseSettings, useSaveReleaseSettings } from './api';
import './results.css';

const FORM = 'result-release';
const KINDS: readonly ResultCategory[] = ['lab', 'imaging', 'pathology'];

/** Admins choose, per organization and kind of result, how many days a result waits before the patient sees it. */
export function ReleaseSettingsPage() {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const organizations = useOrganizations();
  const [params, setParams] = useSearchParams();
  const organizationId = params.get('organization') ?? session.user.organizationId ?? organizations.data?.[0]?.id ?? '';
  const settings = useReleaseSettings(organizationId);
  return (
    <div className="narrow-wide">
      <PageTitle>{t('results.admin.title')}</PageTitle>
      <p className="lede">{t('results.admin.intro')}</p>
      <SelectField
        formId={FORM}
        name="organization"
        label={t('results.admin.organization')}
        value={organizationId}
        onChange={(event) => setParams({ organization: event.target.value })}
      >
        {(organizations.data ?? []).map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      {settings.isLoading ? <Loading /> : null}
      {settings.isError ? <ErrorMessage>{messageForError(t, settings.error)}</ErrorMessage> : null}
      {settings.data ? <HoldForm key={organizationId} organizationId={organizationId} saved={settings.data} /> : null}
    </div>
  );
}

function HoldForm({ organizationId, saved }: { organizationId: string; saved: ResultReleaseSettings }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<Record<ResultCategory, string>>({
    lab: String(saved.lab),
    imaging: String(saved.imaging),
    pathology: String(saved.pathology),
  });
  const save = useSaveReleaseSettings(organizationId);
  const { errors, fail, failWith, clear } = useFormErrors(KINDS);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const bad = KINDS.filter((k) => !/^\d{1,2}$/.test(days[k].trim()) || Number(days[k]) > 30);
    if (bad.length > 0) {
      fail(Object.fromEntries(bad.map((k) => [k, t('results.admin.invalid')])));
      return;
    }
    clear();
    save.mutate(
      { lab: Number(days.lab), imaging: Number(days.imaging), pathology: Number(days.pathology) },
      { onError: failWith },
    );
  };
  return (
    <>
      <ErrorSummary formId={FORM} errors={errors} order={KINDS} />
      <form className="form" onSubmit={onSubmit} noValidate>
        {KINDS.map((k) => (
          <TextField
            key={k}
            formId={FORM}
            name={k}
            label={t(`results.admin.days.${k}`)}
            hint={t('results.admin.daysHint')}
            inputMode="numeric"
            width="short"
            value={days[k]}
            onChange={(event) => setDays((prev) => ({ ...prev, [k]: event.target.value }))}
            error={errors.fields[k]}
          />
        ))}
        <SubmitButton pending={save.isPending}>{t('results.admin.save')}</SubmitButton>
        <p role="status" className="res-saved">
          {save.isSuccess ? t('results.admin.saved') : ''}
        </p>
      </form>
    </>
  );
}
