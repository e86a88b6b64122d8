import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectedApp } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { formatDateTime } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { ConfirmRemove } from '../sharing';
import { useConnectedApps, useDisconnect } from './api';
import { ReadList } from './ReadList';
import './smart.css';

/** A patient's (or proxy's) apps connected by SMART: what each can read, when last used, Disconnect. */
export function ConnectedAppsPage() {
  const { t } = useTranslation();
  const apps = useConnectedApps();
  const [said, setSaid] = useState('');
  const title = useRef<HTMLHeadingElement>(null);

  return (
    <div className="narrow-wide">
      <PageTitle>{t('smart.connected.title')}</PageTitle>
      <p className="lede">{t('smart.connected.intro')}</p>
      <div role="status">{said ? <p className="notice notice--success">{said}</p> : null}</div>
      <h2 ref={title} tabIndex={-1} className="visually-hidden">
        {t('smart.connected.title')}
      </h2>
      {apps.isLoading ? <Loading /> : null}
      {apps.isError ? (
        <ErrorMessage>
          <p>
            {t('smart.connected.loadError')} {messageForError(t, apps.error)}
          </p>
          <button type="button" className="button button--secondary" onClick={() => void apps.refetch()}>
            {t('smart.connected.retry')}
          </button>
        </ErrorMessage>
      ) : null}
      {apps.data && apps.data.apps.length === 0 ? <p>{t('smart.connected.none')}</p> : null}
      {apps.data && apps.data.apps.length > 0 ? (
        <ul className="sh-items">
          {apps.data.apps.map((app) => (
            <AppItem
              key={app.grantId}
              app={app}
              onDone={(text) => {
                setSaid(text);
                title.current?.focus();
              }}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function AppItem({ app, onDone }: { app: ConnectedApp; onDone: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const disconnect = useDisconnect();
  const readsId = `smart-reads-${app.grantId}`;
  return (
    <li className="sh-item">
      <h3 className="sh-item__name">{app.appName}</h3>
      <p className="smart-meta">
        {app.self || !app.patientName
          ? t('smart.connected.ownRecord')
          : t('smart.connected.forRecord', { name: app.patientName })}
      </p>
      <p id={readsId}>{t('smart.connected.reads')}</p>
      <ReadList reads={app.reads} labelledBy={readsId} />
      <p className="smart-meta">
        {t('smart.connected.connectedAt', { date: formatDateTime(app.connectedAt, i18n.language) })}
        {' · '}
        {app.lastUsedAt
          ? t('smart.connected.lastUsed', { date: formatDateTime(app.lastUsedAt, i18n.language) })
          : t('smart.connected.neverUsed')}
        {app.offline ? ` · ${t('smart.connected.keepsAccess')}` : null}
      </p>
      {disconnect.isError ? (
        <ErrorMessage>
          <p>{messageForError(t, disconnect.error)}</p>
        </ErrorMessage>
      ) : null}
      <div className="button-row">
        <ConfirmRemove
          openLabel={t('smart.connected.revoke')}
          openName={t('smart.connected.revokeName', { app: app.appName })}
          title={t('smart.connected.revokeTitle', { app: app.appName })}
          text={t('smart.connected.revokeText', { app: app.appName })}
          confirmLabel={t('smart.connected.revoke')}
          cancelLabel={t('smart.connected.cancel')}
          pending={disconnect.isPending}
          onConfirm={() =>
            disconnect.mutate(app.grantId, {
              onSuccess: () => onDone(t('smart.connected.revoked', { app: app.appName })),
            })
          }
        />
      </div>
    </li>
  );
}
