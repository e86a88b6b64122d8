import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thread } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { useRequiredSession } from '../../app/session/context';
import { hasRole, REGISTRAR_ROLES } from '../../app/session/roles';
import { useAssign, useColleagues, useSetStatus } from './api';

/**
 * Who has the conversation and whether it is done. Staff and admins pick any colleague;
 * clinicians, who may not list accounts, take it themselves or hand it back.
 */
export function ThreadActions({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const session = useRequiredSession();
  const canList = hasRole(session.user.role, REGISTRAR_ROLES);
  const colleagues = useColleagues(canList);
  const assign = useAssign(thread.id);
  const status = useSetStatus(thread.id);
  const [choice, setChoice] = useState('');
  const [said, setSaid] = useState('');
  const [problem, setProblem] = useState('');
  const mine = thread.assignedTo?.id === session.user.id;

  const run = <V,>(
    mutate: (v: V, o: { onSuccess: () => void; onError: (e: unknown) => void }) => void,
    v: V,
    done: string,
  ) => {
    setProblem('');
    setSaid('');
    mutate(v, { onSuccess: () => setSaid(done), onError: (e) => setProblem(messageForError(t, e)) });
  };
  const toUser = (id: string, name: string) => run(assign.mutate, id, t('messages.assign.done', { name }));
  const chosen = colleagues.data?.find((u) => u.id === choice);

  return (
    <section className="section msg-actions" aria-labelledby="msg-actions-title">
      <h2 id="msg-actions-title">{t('messages.assign.title')}</h2>
      <div className="button-row">
        {!mine ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => toUser(session.user.id, session.user.displayName)}
          >
            {t('messages.assign.toMe')}
          </button>
        ) : null}
        {thread.assignedTo ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => run(assign.mutate, null, t('messages.assign.cleared'))}
          >
            {t('messages.assign.clear')}
          </button>
        ) : null}
        <button
          type="button"
          className="button"
          onClick={() =>
            thread.status === 'open'
              ? run(status.mutate, 'done' as const, t('messages.assign.markedDone'))
              : run(status.mutate, 'open' as const, t('messages.assign.reopened'))
          }
        >
          {thread.status === 'open' ? t('messages.assign.markDone') : t('messages.assign.reopen')}
        </button>
      </div>
      {canList && colleagues.data ? (
        <div className="msg-assign">
          <div className="field">
            <label className="field__label" htmlFor="assign-colleague">
              {t('messages.assign.colleague')}
            </label>
            <select
              id="assign-colleague"
              className="input select"
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
            >
              <option value="">{t('common.choose')}</option>
              {colleagues.data.map((u) => (
                <option key={u.id} value={u.id}>
                  {t('messages.assign.colleagueOption', { name: u.displayName, role: t(`roles.${u.role}`) })}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => chosen && toUser(chosen.id, chosen.displayName)}
          >
            {t('messages.assign.submit')}
          </button>
        </div>
      ) : null}
      <p role="status" className="msg-sent">
        {said}
      </p>
      {problem ? (
        <p role="alert" className="field__error">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
