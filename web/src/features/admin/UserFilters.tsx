import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@portico/contracts';
import { SelectField, TextField } from '../../app/forms/Field';
import { ROLE_FILTERS } from './api';

interface UserFiltersProps {
  q: string;
  role: Role | '';
  onApply: (params: Record<string, string>) => void;
}

export function UserFilters({ q, role, onApply }: UserFiltersProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(q);
  const [roleValue, setRoleValue] = useState<string>(role);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (text.trim()) next.q = text.trim();
    if (roleValue) next.role = roleValue;
    onApply(next);
  };

  return (
    <form className="filters" role="search" aria-label={t('admin.users.filtersLabel')} onSubmit={onSubmit}>
      <TextField
        formId="user-filter"
        name="q"
        label={t('admin.users.searchLabel')}
        hint={t('admin.users.searchHint')}
        type="search"
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <SelectField
        formId="user-filter"
        name="role"
        label={t('fields.role')}
        value={roleValue}
        onChange={(e) => setRoleValue(e.target.value)}
      >
        <option value="">{t('admin.users.allRoles')}</option>
        {ROLE_FILTERS.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button">
        {t('admin.users.apply')}
      </button>
    </form>
  );
}
