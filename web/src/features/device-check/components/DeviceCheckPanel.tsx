import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { connectionTesterDeps, mediaTesterDeps, readCapabilities, readUserAgent } from '../environment';
import { assessSupport } from '../lib/support';
import { overallResult, type DeviceCheckResult } from '../lib/summary';
import { ConnectionTester } from '../media/ConnectionTester';
import { MediaTester } from '../media/MediaTester';
import { BrowserCheck } from './BrowserCheck';
import { ConnectionCheck } from './ConnectionCheck';
import { DevicesCheck } from './DevicesCheck';
import { SectionHeading, type HeadingLevel } from './SectionHeading';
import { SpeakerCheck } from './SpeakerCheck';
import { TechHelp } from './TechHelp';
import '../deviceCheck.css';

interface DeviceCheckPanelProps {
  /** Heading level of the panel's sections (2 on its own page, 3 inside check-in). */
  level: HeadingLevel;
  /** The person's organization, for its tech-help line; null lists every organization's. */
  organizationId: string | null;
  /** Told whenever the overall answer changes (check-in shows it beside "Start"). */
  onResult?: (result: DeviceCheckResult) => void;
}

const GOOD: readonly DeviceCheckResult[] = ['ready', 'audioOnly'];

/**
 * The whole device and connection check: browser, camera, microphone, speakers, connection, the
 * one-line answer, and whom to call. Camera and microphone are released when it closes.
 */
export function DeviceCheckPanel({ level, organizationId, onResult }: DeviceCheckPanelProps) {
  const { t } = useTranslation();
  const ua = useMemo(() => readUserAgent(), []);
  const support = useMemo(() => assessSupport(ua, readCapabilities()), [ua]);
  const media = useMemo(() => new MediaTester(mediaTesterDeps()), []);
  const connection = useMemo(() => new ConnectionTester(connectionTesterDeps()), []);
  const mediaState = useSyncExternalStore(media.subscribe, media.getSnapshot);
  const connectionState = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const [started, setStarted] = useState(false);

  useEffect(
    () => () => {
      media.stop();
      connection.stop();
    },
    [media, connection],
  );

  const result = overallResult({
    browser: support.status,
    camera: mediaState.camera.status,
    microphone: mediaState.microphone.status,
    connection: connectionState.status,
    verdict: connectionState.verdict,
  });
  useEffect(() => onResult?.(result), [onResult, result]);

  const browserUsable = support.status === 'ready' || support.status === 'update';
  const start = () => {
    setStarted(true);
    // Both from the click: the microphone meter's audio needs a user gesture in Safari.
    void media.start();
    void connection.run();
  };
  const again = () => {
    void media.start();
    void connection.run();
  };

  return (
    <div className="dc-panel">
      <BrowserCheck ua={ua} support={support} level={level} />
      {browserUsable ? (
        <div className="dc-start">
          <p className="dc-start__hint">{t('deviceCheck.start.hint')}</p>
          <button type="button" className="button" onClick={started ? again : start}>
            {started ? t('deviceCheck.start.again') : t('deviceCheck.start.button')}
          </button>
        </div>
      ) : null}
      {started ? (
        <>
          <DevicesCheck tester={media} media={mediaState} ua={ua} level={level} onRetry={() => void media.start()} />
          <SpeakerCheck speakers={mediaState.speakers} ua={ua} level={level} />
          <ConnectionCheck tester={connection} state={connectionState} level={level} />
        </>
      ) : null}
      <section className="dc-section" aria-labelledby="dc-summary-title">
        <SectionHeading level={level} id="dc-summary-title">
          {t('deviceCheck.headings.summary')}
        </SectionHeading>
        <p
          className={`dc-result ${GOOD.includes(result) ? 'dc-result--ok' : result === 'notReady' ? 'dc-result--bad' : ''}`}
          role="status"
          data-result={result}
        >
          {t(`deviceCheck.summary.${result}`)}
        </p>
      </section>
      <TechHelp organizationId={organizationId} level={level} />
    </div>
  );
}
