import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SmartInteraction } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { messageForError } from '../../app/errors';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useStepUp } from '../mfa';
import { useAnswer, useInteraction } from './api';
import { ReadList } from './ReadList';
import './smart.css';

/**
 * The consent screen of a SMART standalone launch: which app, what it will read in plain words,
 * whose record (for someone who looks after others), and Allow / Don't allow. Reached from
 * /oauth/authorize; sign-in (with any second step) happens first through the usual guard.
 */
export function ConsentPage() {
  const { t } = useTranslation();
  const uid = useParams().uid ?? '';
  const interaction = useInteraction(uid);

  if (interaction.isLoading) return <Loading />;
  if (interaction.isError || !interaction.data) {
    const code = isApiError(interaction.error) ? interaction.error.code : null;
    return (
      <div className="narrow">
        <PageTitle>{t('smart.consent.loadError')}</PageTitle>
        <ErrorMessage>
          <p>
            {code === 'smart_interaction_expired'
              ? t('smart.consent.expired')
              : code === 'forbidden'
                ? t('smart.consent.workforce')
                : messageForError(t, interaction.error)}
          </p>
        </ErrorMessage>
      </div>
    );
  }
  return <ConsentForm uid={uid} asked={interaction.data} />;
}

function ConsentForm({ uid, asked }: { uid: string; asked: SmartInteraction }) {
  const { t } = useTranslation();
  const answer = useAnswer(uid);
  const own = asked.records.find((r) => r.self) ?? asked.records[0];
  const [patientId, setPatientId] = useState(own?.patientId ?? '');
  const chosen = asked.records.find((r) => r.patientId === patientId);
  const reads = chosen?.reads ?? asked.reads;
  const app = asked.app.name;
  const leaving = answer.isSuccess;
  // Letting an app read a record asks an account with a second factor to confirm it is them first.
  const { guard, dialog } = useStepUp();
  const stepUpAsked = isApiError(answer.error) && answer.error.code === 'step_up_required';

  const send = (allow: boolean) => {
    if (answer.isPending || leaving) return;
    answer.mutate(allow ? { allow: true, body: asked.needsRecord ? { patientId } : {} } : { allow: false }, {
      // The server answers with oidc-provider's resume address, which sends the browser back to the app.
      onSuccess: ({ redirectTo }) => window.location.assign(redirectTo),
      onError: (error) => guard(error, () => send(allow)),
    });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send(true);
  };

  return (
    <div className="narrow">
      <PageTitle>{t('smart.consent.title', { app })}</PageTitle>
      <p className="lede">{t('smart.consent.intro', { app })}</p>
      {answer.isError && !stepUpAsked ? (
        <ErrorMessage>
          <p>
            {isApiError(answer.error) && answer.error.code === 'smart_interaction_expired'
              ? t('smart.consent.expired')
              : messageForError(t, answer.error)}
          </p>
        </ErrorMessage>
      ) : null}
      <form className="sh-form" onSubmit={onSubmit} noValidate>
        {asked.needsRecord && asked.records.length > 1 ? (
          <fieldset className="sh-fieldset">
            <legend className="field__label">{t('smart.consent.whose', { app })}</legend>
            {asked.records.map((r) => {
              const id = `smart-record-${r.patientId}`;
              return (
                <div className="sh-choice" key={r.patientId}>
                  <input
                    type="radio"
                    id={id}
                    name="record"
                    value={r.patientId}
                    checked={patientId === r.patientId}
                    onChange={() => setPatientId(r.patientId)}
                  />
                  <label htmlFor={id}>
                    {r.self
                      ? t('smart.consent.ownRecord', { name: r.name })
                      : t('smart.consent.theirRecord', { name: r.name })}
                  </label>
                </div>
              );
            })}
          </fieldset>
        ) : asked.needsRecord && chosen ? (
          <p>{t('smart.consent.record', { name: chosen.name })}</p>
        ) : null}
        <h2 id="smart-reads-title" className="smart-subtitle">
          {t('smart.consent.willRead', { app })}
        </h2>
        <ReadList reads={reads} labelledBy="smart-reads-title" />
        {chosen?.reads ? <p>{t('smart.consent.limited', { app })}</p> : null}
        {asked.identity ? <p>{t('smart.consent.identity')}</p> : null}
        <p>{asked.offline ? t('smart.consent.offline') : t('smart.consent.online')}</p>
        <p>{t('smart.consent.later')}</p>
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={answer.isPending || leaving || undefined}>
            {t('smart.consent.allow')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={answer.isPending || leaving || undefined}
            onClick={() => send(false)}
          >
            {t('smart.consent.deny')}
          </button>
        </div>
        <div role="status">{leaving ? <p>{t('smart.consent.sending', { app })}</p> : null}</div>
      </form>
      {dialog}
    </div>
  );
}
