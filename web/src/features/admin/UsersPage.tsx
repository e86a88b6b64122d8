import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role, UserSummary } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { useRequiredSession } from '../../app/session/context';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { ROLE_FILTERS, useUsers } from './api';
import { CreateUserForm } from './CreateUserForm';
import { UserFilters } from './UserFilters';
import { UserList } from './UserList';

function asRole(value: string | null): Role | '' {
  return ROLE_FILTERS.find((role) => role === value) ?? '';
}

export function UsersPage() {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const role = asRole(params.get('role'));
  const users = useUsers(q, role);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<UserSummary | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const onCreated = (user: UserSummary) => {
    setCreated(user);
    setAdding(false);
    // The form goes away; put focus somewhere sensible rather than losing it.
    toggle.current?.focus();
  };
  const title = session.user.role === 'admin' ? t('admin.users.title') : t('admin.users.staffTitle');

  return (
    <>
      <PageTitle>{title}</PageTitle>
      {created ? <Notice tone="success">{t('admin.users.created', { email: created.email })}</Notice> : null}
      <section className="section" aria-labelledby="add-user-title">
        <h2 id="add-user-title" className="visually-hidden">
          {t('admin.users.addTitle')}
        </h2>
        <button
          ref={toggle}
          type="button"
          className="button button--secondary"
          aria-expanded={adding}
          aria-controls="add-user-panel"
          onClick={() => setAdding((open) => !open)}
        >
          {t('admin.users.addTitle')}
        </button>
        <div id="add-user-panel" className="panel" hidden={!adding}>
          {adding ? <CreateUserForm onCreated={onCreated} /> : null}
        </div>
      </section>
      <section className="section" aria-labelledby="user-list-title">
        <h2 id="user-list-title">{t('admin.users.listTitle')}</h2>
        <UserFilters q={q} role={role} onApply={(next) => setParams(next)} />
        {users.isLoading ? <Loading /> : null}
        {users.isError ? <ErrorMessage>{messageForError(t, users.error)}</ErrorMessage> : null}
        {users.data ? <UserList users={users.data} /> : null}
      </section>
    </>
  );
}
