import { useTranslation } from 'react-i18next';
import type { ClinicalArea } from '@portico/contracts';
import { ScrollTable } from '../shared/ScrollTable';

interface AreaGroupProps {
  name: string;
  areas: readonly ClinicalArea[];
  orgName: (id: string) => string;
  editingId: string | null;
  onEdit: (area: ClinicalArea) => void;
}

/** One service line's areas, folded so the page stays short; a table inside. */
export function AreaGroup({ name, areas, orgName, editingId, onEdit }: AreaGroupProps) {
  const { t } = useTranslation();
  return (
    <details className="sa-group">
      <summary>
        <span className="sa-group__name">{name}</span>{' '}
        <span className="small">{t('scheduleAdmin.areas.inLine', { count: areas.length })}</span>
      </summary>
      <ScrollTable caption={t('scheduleAdmin.areas.caption', { line: name })}>
        <thead>
          <tr>
            <th scope="col">{t('scheduleAdmin.areas.name')}</th>
            <th scope="col">{t('fields.organization')}</th>
            <th scope="col">{t('scheduleAdmin.areas.clinicians')}</th>
            <th scope="col">{t('scheduleAdmin.areas.keywords')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('scheduleAdmin.common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {areas.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.name}</th>
              <td>{orgName(a.organizationId)}</td>
              <td>{a.clinicianCount}</td>
              <td className="small">{a.keywords}</td>
              <td>
                <button
                  type="button"
                  className="button button--quiet"
                  aria-expanded={editingId === a.id}
                  aria-controls="area-panel"
                  onClick={() => onEdit(a)}
                >
                  {t('scheduleAdmin.areas.edit')}
                  <span className="visually-hidden"> {a.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </details>
  );
}
