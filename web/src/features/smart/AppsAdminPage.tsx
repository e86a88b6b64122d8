import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SmartApp, SmartAppCreated } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { formatDateTime } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { ConfirmRemove } from '../sharing';
import { useDisableApp, useSmartApps } from './api';
import { RegisterAppForm } from './RegisterAppForm';
import './smart.css';

/** Admins: the apps that may connect (SMART App Launch, backend services), a form to add one, Disable. */
export function AppsAdminPage() {
  const { t } = useTranslation();
  const apps = useSmartApps();
  const [said, setSaid] = useState('');
  const [created, setCreated] = useState<SmartAppCreated | null>(null);
  const listTitle = useRef<HTMLHeadingElement>(null);

  return (
    <div className="narrow-wide">
      <PageTitle>{t('smart.admin.title')}</PageTitle>
      <p className="lede">{t('smart.admin.intro')}</p>
      <div role="status">{said ? <p className="notice notice--success">{said}</p> : null}</div>
      {created ? (
        <Notice
          tone="success"
          title={t('smart.admin.created', { name: created.app.name, clientId: created.app.clientId })}
        >
          {created.clientSecret ? (
            <p className="smart-code">{t('smart.admin.secret', { secret: created.clientSecret })}</p>
          ) : null}
        </Notice>
      ) : null}
      <section className="section" aria-labelledby="smart-apps-title">
        <h2 id="smart-apps-title" ref={listTitle} tabIndex={-1}>
          {t('smart.admin.title')}
        </h2>
        {apps.isLoading ? <Loading /> : null}
        {apps.isError ? (
          <ErrorMessage>
            <p>
              {t('smart.admin.loadError')} {messageForError(t, apps.error)}
            </p>
          </ErrorMessage>
        ) : null}
        {apps.data && apps.data.apps.length === 0 ? <p>{t('smart.admin.none')}</p> : null}
        {apps.data && apps.data.apps.length > 0 ? (
          <ul className="sh-items">
            {apps.data.apps.map((app) => (
              <AppItem
                key={app.id}
                app={app}
                onDone={(text) => {
                  setSaid(text);
                  listTitle.current?.focus();
                }}
              />
            ))}
          </ul>
        ) : null}
      </section>
      <section className="section" aria-labelledby="smart-register-title">
        <h2 id="smart-register-title">{t('smart.admin.registerTitle')}</h2>
        <RegisterAppForm onCreated={setCreated} />
      </section>
    </div>
  );
}

function AppItem({ app, onDone }: { app: SmartApp; onDone: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const disable = useDisableApp();
  return (
    <li className="sh-item">
      <h3 className="sh-item__name">{app.name}</h3>
      <p className="smart-meta">
        {t(`smart.admin.kinds.${app.kind}`)} · {t(`smart.admin.authMethods.${app.authMethod}`)} ·{' '}
        {app.disabledAt
          ? t('smart.admin.status.disabled', { date: formatDateTime(app.disabledAt, i18n.language) })
          : t('smart.admin.status.active')}
      </p>
      <p className="smart-code">{t('smart.admin.clientId', { clientId: app.clientId })}</p>
      {app.redirectUris.length > 0 ? <p className="smart-code">{app.redirectUris.join(' ')}</p> : null}
      <p className="smart-code">{app.scopes.join(' ')}</p>
      {disable.isError ? (
        <ErrorMessage>
          <p>{messageForError(t, disable.error)}</p>
        </ErrorMessage>
      ) : null}
      {app.disabledAt ? null : (
        <div className="button-row">
          <ConfirmRemove
            openLabel={t('smart.admin.disable')}
            openName={t('smart.admin.disableName', { name: app.name })}
            title={t('smart.admin.disableTitle', { name: app.name })}
            text={t('smart.admin.disableText', { name: app.name })}
            confirmLabel={t('smart.admin.disable')}
            cancelLabel={t('smart.admin.cancel')}
            pending={disable.isPending}
            onConfirm={() =>
              disable.mutate(app.id, { onSuccess: () => onDone(t('smart.admin.disabled', { name: app.name })) })
            }
          />
        </div>
      )}
    </li>
  );
}
