import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestInvite, VisitView } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { ErrorMessage } from '../../../app/ui/Notice';
import { languageName } from '../../../app/ui/format';
import { useGuests, useRevokeGuest } from '../api';
import { InviteForm } from './InviteForm';
import { NewInviteLink } from './NewInviteLink';

/** Invite a guest or an interpreter, see who holds each link, and withdraw links. */
export function GuestInvites({ visit }: { visit: VisitView }) {
  const { t, i18n } = useTranslation();
  const guests = useGuests(visit.appointmentId, visit.you.canInvite);
  const revoke = useRevokeGuest(visit.appointmentId);
  const [created, setCreated] = useState<GuestInvite | null>(null);
  const open = (guests.data ?? []).filter((g) => !g.revoked);
  return (
    <section className="vi-host-section" aria-labelledby="vi-guests-title">
      <h3 id="vi-guests-title">{t('visit.host.guests.title')}</h3>
      <p className="hint">{t('visit.host.guests.intro')}</p>
      {created?.link ? <NewInviteLink invite={created} onDone={() => setCreated(null)} /> : null}
      <InviteForm
        appointmentId={visit.appointmentId}
        interpreterLanguage={visit.interpreterLanguage}
        onCreated={setCreated}
      />
      {guests.isError ? <ErrorMessage>{messageForError(t, guests.error)}</ErrorMessage> : null}
      {revoke.isError ? <ErrorMessage>{messageForError(t, revoke.error)}</ErrorMessage> : null}
      {open.length > 0 ? (
        <ul className="plain-list vi-guest-list" aria-label={t('visit.host.guests.listLabel')}>
          {open.map((g) => (
            <li key={g.id} className="vi-guest">
              <span>
                <strong>{g.label}</strong>{' '}
                <span className="hint">
                  {t(`visit.roles.${g.kind}`)}
                  {g.language ? ` · ${languageName(g.language, i18n.language)}` : ''}
                  {' · '}
                  {g.inUseBy ? t('visit.host.guests.inUse', { name: g.inUseBy }) : t('visit.host.guests.unused')}
                </span>
              </span>
              <button
                type="button"
                className="button button--quiet"
                aria-disabled={revoke.isPending || undefined}
                onClick={() => {
                  if (!revoke.isPending) revoke.mutate(g.id);
                }}
              >
                {t('visit.host.guests.revoke', { label: g.label })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
