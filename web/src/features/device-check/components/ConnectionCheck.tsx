import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CONNECTION_STEPS, type ConnectionSnapshot, type ConnectionTester } from '../media/ConnectionTester';
import { SectionHeading, type HeadingLevel } from './SectionHeading';

interface ConnectionCheckProps {
  tester: ConnectionTester;
  state: ConnectionSnapshot;
  level: HeadingLevel;
}

/** Round trip, speeds and relay, with progress while it runs and a plain verdict at the end. */
export function ConnectionCheck({ tester, state, level }: ConnectionCheckProps) {
  const { t, i18n } = useTranslation();
  const progressId = useId();
  const number = (value: number) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  const { figures } = state;
  const pending = t('deviceCheck.connection.pending');
  const running = state.status === 'running';

  const status = (() => {
    if (running && state.step) {
      return t('deviceCheck.connection.stepOf', {
        n: state.completed + 1,
        total: CONNECTION_STEPS.length,
        step: t(`deviceCheck.connection.steps.${state.step}`),
      });
    }
    if (state.status === 'done' && state.verdict) return t(`deviceCheck.connection.verdict.${state.verdict}`);
    if (state.status === 'failed' && state.failure) return t(`deviceCheck.connection.failed.${state.failure}`);
    return null;
  })();
  const tone =
    state.status === 'failed' || state.verdict === 'insufficient'
      ? 'dc-result--bad'
      : state.verdict === 'audio'
        ? 'dc-result--warn'
        : state.verdict === 'video'
          ? 'dc-result--ok'
          : '';

  return (
    <section className="dc-section" aria-labelledby="dc-connection-title" aria-busy={running}>
      <SectionHeading level={level} id="dc-connection-title">
        {t('deviceCheck.headings.connection')}
      </SectionHeading>
      <p>{t('deviceCheck.connection.intro')}</p>
      {running ? (
        <progress
          id={progressId}
          className="dc-progress"
          max={CONNECTION_STEPS.length}
          value={state.completed}
          aria-label={t('deviceCheck.connection.progress')}
        />
      ) : null}
      <p className={`dc-result ${tone}`} role="status" data-testid="dc-connection-status">
        {status}
      </p>
      {state.status === 'idle' ? null : (
        <dl className="details dc-figures">
          <div>
            <dt>{t('deviceCheck.connection.figures.rtt')}</dt>
            <dd>
              {figures.rttMs === undefined ? pending : t('deviceCheck.connection.ms', { value: number(figures.rttMs) })}
            </dd>
          </div>
          <div>
            <dt>{t('deviceCheck.connection.figures.download')}</dt>
            <dd>
              {figures.downloadMbps === undefined
                ? pending
                : t('deviceCheck.connection.mbps', { value: number(figures.downloadMbps) })}
            </dd>
          </div>
          <div>
            <dt>{t('deviceCheck.connection.figures.upload')}</dt>
            <dd>
              {figures.uploadMbps === undefined
                ? pending
                : t('deviceCheck.connection.mbps', { value: number(figures.uploadMbps) })}
            </dd>
          </div>
          <div>
            <dt>{t('deviceCheck.connection.figures.relay')}</dt>
            <dd>{figures.relay === undefined ? pending : t(`deviceCheck.connection.relay.${figures.relay}`)}</dd>
          </div>
        </dl>
      )}
      {figures.relay === 'unreachable' ? (
        <p className="notice notice--warning">{t('deviceCheck.connection.relayCaution')}</p>
      ) : null}
      {running ? null : (
        <button type="button" className="button button--secondary" onClick={() => void tester.run()}>
          {state.status === 'idle' ? t('deviceCheck.connection.run') : t('deviceCheck.connection.again')}
        </button>
      )}
    </section>
  );
}
