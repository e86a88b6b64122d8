import { useTranslation } from 'react-i18next';
import type { UserAgentInfo } from '../lib/userAgent';
import type { MediaSnapshot, MediaTester, TrackState } from '../media/MediaTester';
import { CameraPreview } from './CameraPreview';
import { DevicePicker } from './DevicePicker';
import { LevelMeter } from './LevelMeter';
import { ProblemHelp } from './ProblemHelp';
import { below, SectionHeading, type HeadingLevel } from './SectionHeading';

interface DevicesCheckProps {
  tester: MediaTester;
  media: MediaSnapshot;
  ua: UserAgentInfo;
  level: HeadingLevel;
  onRetry: () => void;
}

/** One help box when camera and microphone fail the same way (one permission, one fix). */
function sharedProblem(camera: TrackState, microphone: TrackState) {
  return camera.status === 'failed' && microphone.status === 'failed' && camera.problem === microphone.problem
    ? camera.problem
    : null;
}

/** Camera preview and microphone meter, each with its device list and its own help. */
export function DevicesCheck({ tester, media, ua, level, onRetry }: DevicesCheckProps) {
  const { t } = useTranslation();
  const { camera, microphone } = media;
  const shared = sharedProblem(camera, microphone);
  const sub = below(level);

  return (
    <section className="dc-section" aria-labelledby="dc-devices-title">
      <SectionHeading level={level} id="dc-devices-title">
        {t('deviceCheck.headings.devices')}
      </SectionHeading>
      {shared ? <ProblemHelp problem={shared} device="both" ua={ua} onRetry={onRetry} /> : null}

      <div className="dc-device">
        <SectionHeading level={sub} id="dc-camera-title">
          {t('deviceCheck.headings.camera')}
        </SectionHeading>
        <CameraPreview stream={media.cameraStream} />
        <p className="dc-status" role="status">
          {camera.status === 'live' ? t('deviceCheck.camera.live') : null}
          {camera.status === 'starting' ? t('deviceCheck.camera.starting') : null}
          {camera.status === 'idle' ? t('deviceCheck.camera.idle') : null}
        </p>
        {camera.status === 'failed' && camera.problem && !shared ? (
          <ProblemHelp problem={camera.problem} device="camera" ua={ua} onRetry={onRetry} />
        ) : null}
        <DevicePicker
          label={t('deviceCheck.camera.pick')}
          unnamed={(n) => t('deviceCheck.camera.unnamed', { n })}
          devices={media.cameras}
          value={camera.deviceId}
          onChoose={(id) => void tester.choose('camera', id)}
        />
      </div>

      <div className="dc-device">
        <SectionHeading level={sub} id="dc-microphone-title">
          {t('deviceCheck.headings.microphone')}
        </SectionHeading>
        <LevelMeter tester={tester} id="dc-mic-meter" />
        <p className="dc-status" role="status">
          {microphone.status === 'live'
            ? t(media.heard ? 'deviceCheck.microphone.heard' : 'deviceCheck.microphone.speak')
            : null}
          {microphone.status === 'starting' ? t('deviceCheck.microphone.starting') : null}
          {microphone.status === 'idle' ? t('deviceCheck.microphone.idle') : null}
        </p>
        {microphone.status === 'failed' && microphone.problem && !shared ? (
          <ProblemHelp problem={microphone.problem} device="microphone" ua={ua} onRetry={onRetry} />
        ) : null}
        <DevicePicker
          label={t('deviceCheck.microphone.pick')}
          unnamed={(n) => t('deviceCheck.microphone.unnamed', { n })}
          devices={media.microphones}
          value={microphone.deviceId}
          onChoose={(id) => void tester.choose('microphone', id)}
        />
      </div>
    </section>
  );
}
