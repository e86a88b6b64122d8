import { useTranslation } from 'react-i18next';
import type { VisitView } from '@portico/contracts';
import { messageForError } from '../../../app/errors';
import { ErrorMessage } from '../../../app/ui/Notice';
import { useVisitAction } from '../api';

/** People waiting to be let in: the patient (if not yet admitted), guests and interpreters. */
export function LobbyList({ visit }: { visit: VisitView }) {
  const { t } = useTranslation();
  const admit = useVisitAction(visit.appointmentId);
  const waiting = visit.participants.filter((p) => !p.admitted);
  return (
    <section className="vi-host-section" aria-labelledby="vi-lobby-title">
      <h3 id="vi-lobby-title">{t('visit.host.lobby.title', { count: waiting.length })}</h3>
      {admit.isError ? <ErrorMessage>{messageForError(t, admit.error)}</ErrorMessage> : null}
      {waiting.length === 0 ? (
        <p className="hint">{t('visit.host.lobby.empty')}</p>
      ) : (
        <ul className="plain-list vi-lobby">
          {waiting.map((p) => (
            <li key={p.id} className="vi-lobby__item">
              <span>
                <strong>{p.name}</strong> <span className="hint">{t(`visit.roles.${p.role}`)}</span>
              </span>
              <button
                type="button"
                className="button"
                aria-disabled={admit.isPending || undefined}
                onClick={() => {
                  if (admit.isPending) return;
                  // The patient is admitted by role: that also starts the visit (in progress).
                  admit.mutate(p.role === 'patient' ? { kind: 'admit' } : { kind: 'admit', participantId: p.id });
                }}
              >
                {t('visit.host.lobby.admit', { name: p.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
