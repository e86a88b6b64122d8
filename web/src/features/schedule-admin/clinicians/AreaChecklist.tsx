import { useTranslation } from 'react-i18next';
import type { ClinicalArea } from '@portico/contracts';
import { fieldId } from '../../../app/forms/fieldId';
import { useClinicalAreas, useServiceLines } from '../lib/queries';

interface AreaChecklistProps {
  formId: string;
  organizationId: string;
  serviceLineCode: string;
  selected: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}

/**
 * Clinical areas of the clinician's organization, grouped by service line: the clinician's own
 * line open, the others folded away (there are over a hundred areas).
 */
export function AreaChecklist({
  formId,
  organizationId,
  serviceLineCode,
  selected,
  onChange,
  error,
}: AreaChecklistProps) {
  const { t } = useTranslation();
  const areas = useClinicalAreas();
  const lines = useServiceLines();
  const base = fieldId(formId, 'clinicalAreaIds');
  const mine = (areas.data ?? []).filter((a) => a.organizationId === organizationId);
  const groups = (lines.data ?? [])
    .map((line) => ({
      code: line.value,
      name: line.label,
      areas: mine.filter((a) => a.serviceLineCode === line.value),
    }))
    .filter((g) => g.areas.length > 0);
  const primary = groups.find((g) => g.code === serviceLineCode);
  const others = groups.filter((g) => g !== primary);
  const chosenElsewhere = others.reduce((n, g) => n + g.areas.filter((a) => selected.includes(a.id)).length, 0);
  const firstId = (primary ?? others[0])?.areas[0]?.id;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected.filter((v) => v !== id), id] : selected.filter((v) => v !== id));
  const box = (a: ClinicalArea) => {
    const id = a.id === firstId ? base : `${base}-${a.id}`;
    return (
      <div className="checkbox sa-check" key={a.id}>
        <input
          type="checkbox"
          id={id}
          className="checkbox__input"
          checked={selected.includes(a.id)}
          onChange={(event) => toggle(a.id, event.target.checked)}
        />
        <label className="checkbox__label" htmlFor={id}>
          {a.name}
        </label>
      </div>
    );
  };

  return (
    <fieldset className={error ? 'sa-fieldset field--error' : 'sa-fieldset'} aria-describedby={`${base}-hint`}>
      <legend className="field__label">{t('scheduleAdmin.clinicianForm.areas')}</legend>
      <div className="field__hint" id={`${base}-hint`}>
        {organizationId === ''
          ? t('scheduleAdmin.clinicianForm.areasNeedOrg')
          : t('scheduleAdmin.clinicianForm.areasHint')}
      </div>
      {error ? (
        <p className="field__error">
          <span className="visually-hidden">{t('errors.fieldPrefix')} </span>
          {error}
        </p>
      ) : null}
      {primary ? (
        <fieldset className="sa-subgroup">
          <legend>{primary.name}</legend>
          <div className="sa-checks">{primary.areas.map(box)}</div>
        </fieldset>
      ) : null}
      {others.length > 0 ? (
        <details className="sa-more" open={!primary}>
          <summary>{t('scheduleAdmin.clinicianForm.otherAreas', { count: chosenElsewhere })}</summary>
          {others.map((g) => (
            <fieldset className="sa-subgroup" key={g.code}>
              <legend>{g.name}</legend>
              <div className="sa-checks">{g.areas.map(box)}</div>
            </fieldset>
          ))}
        </details>
      ) : null}
    </fieldset>
  );
}
