import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClinicianSchedule, VisitMode, VisitType, VisitTypeBody } from '@portico/contracts';
import { ErrorSummary } from '../../../app/forms/ErrorSummary';
import { Checkbox, SelectField, TextField } from '../../../app/forms/Field';
import { NumberField } from '../../../app/forms/InputFields';
import { useFormErrors } from '../../../app/forms/useFormErrors';
import { useApi } from '../../../app/session/context';
import { formFailure } from '../lib/problems';
import { PanelButtons } from '../shared/PanelButtons';
import { useFocusOnMount } from '../shared/useFocusOnMount';

const FORM = 'visit-type';
const FIELDS = ['name', 'mode', 'durationMinutes', 'bufferMinutes'] as const;
type Field = (typeof FIELDS)[number];

interface VisitTypeFormProps {
  clinicianId: string;
  visitType: VisitType | null;
  visitModes: readonly VisitMode[];
  onSaved: (schedule: ClinicianSchedule, name: string) => void;
  onClose: () => void;
}

const whole = (text: string, min: number, max: number): number | null => {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
};

/** Adds a visit type or edits one (retiring it keeps past visits intact). */
export function VisitTypeForm({ clinicianId, visitType: v, visitModes, onSaved, onClose }: VisitTypeFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [name, setName] = useState(v?.name ?? '');
  const [mode, setMode] = useState<string>(v && visitModes.includes(v.mode) ? v.mode : (visitModes[0] ?? 'video'));
  const [duration, setDuration] = useState(String(v?.durationMinutes ?? 30));
  const [buffer, setBuffer] = useState(String(v?.bufferMinutes ?? 0));
  const [newPatient, setNewPatient] = useState(v?.newPatient ?? false);
  const [active, setActive] = useState(v?.active ?? true);
  const { errors, fail, clear } = useFormErrors(FIELDS);

  const save = useMutation({
    mutationFn: (body: VisitTypeBody) => {
      const base = `/api/clinicians/${encodeURIComponent(clinicianId)}/visit-types`;
      return v
        ? api.put<ClinicianSchedule>(`${base}/${encodeURIComponent(v.id)}`, body)
        : api.post<ClinicianSchedule>(base, body);
    },
    onSuccess: (next, body) => onSaved(next, body.name),
    onError: (error) => {
      const { fields, general } = formFailure<Field>(t, error, FIELDS, (f) =>
        t(`scheduleAdmin.visitTypes.invalid.${f}`),
      );
      fail(fields, general);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const durationMinutes = whole(duration, 5, 480);
    const bufferMinutes = whole(buffer, 0, 120);
    const chosen = visitModes.find((m) => m === mode);
    const problems: Partial<Record<Field, string>> = {};
    if (name.trim().length < 2) problems.name = t('scheduleAdmin.visitTypes.invalid.name');
    if (!chosen) problems.mode = t('scheduleAdmin.visitTypes.invalid.mode');
    if (durationMinutes === null) problems.durationMinutes = t('scheduleAdmin.visitTypes.invalid.durationMinutes');
    if (bufferMinutes === null) problems.bufferMinutes = t('scheduleAdmin.visitTypes.invalid.bufferMinutes');
    if (!chosen || durationMinutes === null || bufferMinutes === null || problems.name) return fail(problems);
    clear();
    save.mutate({ name: name.trim(), mode: chosen, durationMinutes, bufferMinutes, newPatient, active });
  };

  return (
    <div className="panel sa-panel">
      <h3 ref={heading} tabIndex={-1} className="sa-panel__title">
        {v ? t('scheduleAdmin.visitTypes.editTitle', { name: v.name }) : t('scheduleAdmin.visitTypes.add')}
      </h3>
      <ErrorSummary formId={FORM} errors={errors} order={FIELDS} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          formId={FORM}
          name="name"
          label={t('scheduleAdmin.visitTypes.name')}
          hint={t('scheduleAdmin.visitTypes.nameHint')}
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fields.name}
        />
        <SelectField
          formId={FORM}
          name="mode"
          label={t('scheduleAdmin.visitTypes.mode')}
          value={mode}
          onChange={(e) => setMode(e.target.value)}
          error={errors.fields.mode}
        >
          {visitModes.map((m) => (
            <option key={m} value={m}>
              {t(`scheduleAdmin.modes.${m}`)}
            </option>
          ))}
        </SelectField>
        <NumberField
          formId={FORM}
          name="durationMinutes"
          label={t('scheduleAdmin.visitTypes.durationLabel')}
          value={duration}
          onChange={(e) => setDuration(e.target.value)}
          error={errors.fields.durationMinutes}
        />
        <NumberField
          formId={FORM}
          name="bufferMinutes"
          label={t('scheduleAdmin.visitTypes.bufferLabel')}
          hint={t('scheduleAdmin.visitTypes.bufferHint')}
          value={buffer}
          onChange={(e) => setBuffer(e.target.value)}
          error={errors.fields.bufferMinutes}
        />
        <Checkbox
          formId={FORM}
          name="newPatient"
          label={t('scheduleAdmin.visitTypes.newPatientLabel')}
          checked={newPatient}
          onChange={setNewPatient}
        />
        <Checkbox
          formId={FORM}
          name="active"
          label={t('scheduleAdmin.visitTypes.activeLabel')}
          checked={active}
          onChange={setActive}
        />
        <PanelButtons submit={t('scheduleAdmin.visitTypes.save')} pending={save.isPending} onClose={onClose} />
      </form>
    </div>
  );
}
