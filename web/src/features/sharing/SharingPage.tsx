import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProxyGrant, RecordList } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { useRequiredSession } from '../../app/session/context';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useProxies, useRecords, useRevoke, useSwitchRecord, useTeenConsent } from './api';
import { ConfirmRemove } from './ConfirmRemove';
import { GrantItem } from './GrantItem';
import { areaList, teenCanConsent } from './labels';
import { ShareForm } from './ShareForm';
import './sharing.css';

/**
 * A patient's "Who can see my record": the people they share with, a form to share, and any
 * records shared with them. A proxy account sees only the records it can open.
 */
export function SharingPage() {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const isPatient = session.user.role === 'patient';
  const proxies = useProxies();
  const records = useRecords();
  const [said, setSaid] = useState('');
  const givenTitle = useRef<HTMLHeadingElement>(null);
  const heldTitle = useRef<HTMLHeadingElement>(null);
  const announce = (text: string, focus: HTMLHeadingElement | null) => {
    setSaid(text);
    focus?.focus();
  };

  const given = (proxies.data?.given ?? []).filter((g) => !g.revoked);
  const held = proxies.data?.held ?? [];
  const ownOpen = !records.data || records.data.current === session.user.patientId;

  return (
    <div className="narrow-wide">
      <PageTitle>{isPatient ? t('sharing.title') : t('sharing.proxyTitle')}</PageTitle>
      <p className="lede">{isPatient ? t('sharing.intro') : t('sharing.proxyIntro')}</p>
      <div role="status">{said ? <p className="notice notice--success">{said}</p> : null}</div>
      {proxies.isLoading ? <Loading /> : null}
      {proxies.isError ? (
        <ErrorMessage>
          <p>
            {t('sharing.loadError')} {messageForError(t, proxies.error)}
          </p>
          <button type="button" className="button button--secondary" onClick={() => void proxies.refetch()}>
            {t('sharing.retry')}
          </button>
        </ErrorMessage>
      ) : null}
      {isPatient && proxies.data ? (
        <section className="section" aria-labelledby="sh-given-title">
          <h2 id="sh-given-title" ref={givenTitle} tabIndex={-1}>
            {t('sharing.given.title')}
          </h2>
          {given.length === 0 ? (
            <p>{t('sharing.given.none')}</p>
          ) : (
            <ul className="sh-items">
              {given.map((grant) => (
                <GivenItem key={grant.id} grant={grant} onDone={(text) => announce(text, givenTitle.current)} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {isPatient ? (
        <section className="section" aria-labelledby="share-title">
          <h2 id="share-title">{t('sharing.share.title')}</h2>
          {ownOpen ? (
            <ShareForm
              onShared={(grant) => announce(t('sharing.share.shared', { name: grant.proxyName }), givenTitle.current)}
            />
          ) : (
            <BackToOwn records={records.data} ownId={session.user.patientId} />
          )}
          <aside className="help-box sh-rules" aria-labelledby="sh-rules-title">
            <h3 id="sh-rules-title" className="help-box__title">
              {t('sharing.share.teenTitle')}
            </h3>
            <p>{t('sharing.share.teenRules')}</p>
          </aside>
        </section>
      ) : null}
      {proxies.data && (!isPatient || held.length > 0) ? (
        <section className="section" aria-labelledby="sh-held-title">
          <h2 id="sh-held-title" ref={heldTitle} tabIndex={-1}>
            {isPatient ? t('sharing.held.title') : t('sharing.shared')}
          </h2>
          {held.length === 0 ? (
            <p>{t('sharing.held.none')}</p>
          ) : (
            <ul className="sh-items">
              {held.map((grant) => (
                <HeldItem
                  key={grant.id}
                  grant={grant}
                  isOpen={records.data?.current === grant.patientId}
                  onDone={(text) => announce(text, heldTitle.current)}
                />
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** Someone who can see my record, with "Withdraw access" (asked twice) and the teen's consent. */
function GivenItem({ grant, onDone }: { grant: ProxyGrant; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const revoke = useRevoke();
  const consent = useTeenConsent();
  const [problem, setProblem] = useState('');
  const name = grant.proxyName;
  return (
    <GrantItem name={name} grant={grant}>
      {teenCanConsent(grant) ? (
        <div className="notice">
          <p className="notice__title">{t('sharing.given.teenTitle')}</p>
          <p>{t('sharing.given.teenText', { name, areas: areaList(t, grant.effectiveAreas) })}</p>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={consent.isPending || undefined}
            onClick={() =>
              !consent.isPending &&
              consent.mutate(grant.id, {
                onSuccess: () => onDone(t('sharing.given.teenDone', { name })),
                onError: (e) => setProblem(messageForError(t, e)),
              })
            }
          >
            {t('sharing.given.teenAgree', { name })}
          </button>
        </div>
      ) : null}
      <ConfirmRemove
        openLabel={t('sharing.given.withdraw')}
        openName={t('sharing.given.withdrawNamed', { name })}
        title={t('sharing.given.confirmTitle', { name })}
        text={t('sharing.given.confirmText', { name })}
        confirmLabel={t('sharing.given.confirm')}
        cancelLabel={t('sharing.given.cancel')}
        pending={revoke.isPending}
        onConfirm={() =>
          // The promise, not mutate's callbacks: this item leaves the list before they would run.
          void revoke.mutateAsync(grant.id).then(
            () => onDone(t('sharing.given.withdrawn', { name })),
            (e: unknown) => setProblem(messageForError(t, e)),
          )
        }
      />
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </GrantItem>
  );
}

/** A record shared with me: open it, or give the access up. */
function HeldItem({ grant, isOpen, onDone }: { grant: ProxyGrant; isOpen: boolean; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useSwitchRecord();
  const revoke = useRevoke();
  const [problem, setProblem] = useState('');
  const name = grant.patientName;
  const usable = grant.effectiveAreas.length > 0;
  return (
    <GrantItem name={name} grant={grant} held>
      <div className="button-row">
        {isOpen ? (
          <p className="tag tag--ok">{t('sharing.held.isOpen')}</p>
        ) : usable ? (
          <button
            type="button"
            className="button"
            aria-label={t('sharing.held.openNamed', { name })}
            aria-disabled={open.isPending || undefined}
            onClick={() => {
              if (open.isPending) return;
              // Opening a record reloads this list, so this item may be gone before mutate's callbacks.
              void open.mutateAsync(grant.patientId).then(
                () => navigate('/'),
                () => setProblem(t('sharing.switcher.failed')),
              );
            }}
          >
            {t('sharing.held.openThis')}
          </button>
        ) : null}
      </div>
      <ConfirmRemove
        openLabel={t('sharing.held.giveUp')}
        openName={t('sharing.held.giveUpNamed', { name })}
        title={t('sharing.held.confirmTitle', { name })}
        text={t('sharing.held.confirmText', { name })}
        confirmLabel={t('sharing.held.confirm')}
        cancelLabel={t('sharing.held.cancel')}
        pending={revoke.isPending}
        onConfirm={() =>
          void revoke.mutateAsync(grant.id).then(
            () => onDone(t('sharing.held.givenUp', { name })),
            (e: unknown) => setProblem(messageForError(t, e)),
          )
        }
      />
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </GrantItem>
  );
}

/** Only the patient can share their record: someone viewing another record switches back first. */
function BackToOwn({ records, ownId }: { records: RecordList | undefined; ownId: string | null }) {
  const { t } = useTranslation();
  const switchRecord = useSwitchRecord();
  const own = records?.records.find((r) => r.self && r.patientId === ownId);
  return (
    <Notice>
      <p>{t('sharing.share.notSelf')}</p>
      {own ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={switchRecord.isPending || undefined}
            onClick={() => !switchRecord.isPending && switchRecord.mutate(own.patientId)}
          >
            {t('sharing.share.ownOnly')}
          </button>
        </p>
      ) : null}
    </Notice>
  );
}
