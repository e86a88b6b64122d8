import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../app/forms/Field';
import { askForSpeaker, canAskForSpeaker, speakerChoice } from '../rtc/browserMedia';
import type { LocalView } from '../rtc/snapshot';
import type { CallActions } from '../useVisitCall';

interface DeviceSettingsProps {
  local: LocalView;
  actions: CallActions;
  sinkId: string;
  onSink: (id: string) => void;
}

/** Switch camera, microphone and speaker during the visit. */
export function DeviceSettings({ local, actions, sinkId, onSink }: DeviceSettingsProps) {
  const { t } = useTranslation();
  const { devices } = local;
  // Speakers picked in the browser's own prompt (Firefox lists none to pages until then).
  const [picked, setPicked] = useState<MediaDeviceInfo[]>([]);
  const speakers = [
    ...devices.audiooutput,
    ...picked.filter((p) => !devices.audiooutput.some((d) => d.deviceId === p.deviceId)),
  ];
  const choice = speakerChoice(speakers.length);
  const ask = async () => {
    const device = await askForSpeaker();
    if (!device) return;
    setPicked((list) => [...list.filter((d) => d.deviceId !== device.deviceId), device]);
    onSink(device.deviceId);
  };
  const name = (d: MediaDeviceInfo, i: number, kind: 'camera' | 'microphone' | 'speaker') =>
    d.label || t(`visit.devices.unnamed.${kind}`, { number: i + 1 });
  return (
    <section id="vi-settings" className="vi-settings" aria-labelledby="vi-settings-title">
      <h3 id="vi-settings-title">{t('visit.devices.title')}</h3>
      {devices.videoinput.length > 0 ? (
        <SelectField
          formId="vi-devices"
          name="camera"
          label={t('visit.devices.camera')}
          value={local.videoDeviceId}
          onChange={(event) => actions.useCamera(event.target.value)}
        >
          {devices.videoinput.map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {name(d, i, 'camera')}
            </option>
          ))}
        </SelectField>
      ) : (
        <p>{t('visit.devices.noCamera')}</p>
      )}
      {devices.audioinput.length > 0 ? (
        <SelectField
          formId="vi-devices"
          name="microphone"
          label={t('visit.devices.microphone')}
          value={local.audioDeviceId}
          onChange={(event) => actions.useMicrophone(event.target.value)}
        >
          {devices.audioinput.map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {name(d, i, 'microphone')}
            </option>
          ))}
        </SelectField>
      ) : (
        <p>{t('visit.devices.noMicrophone')}</p>
      )}
      {choice === 'list' ? (
        <SelectField
          formId="vi-devices"
          name="speaker"
          label={t('visit.devices.speaker')}
          value={sinkId}
          onChange={(event) => onSink(event.target.value)}
        >
          <option value="">{t('visit.devices.systemSpeaker')}</option>
          {speakers.map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {name(d, i, 'speaker')}
            </option>
          ))}
        </SelectField>
      ) : null}
      {canAskForSpeaker() && devices.audiooutput.length === 0 ? (
        <div className="field">
          <button type="button" className="button button--quiet" onClick={() => void ask()}>
            {t('visit.devices.chooseSpeaker')}
          </button>
          <p className="hint">{t('visit.devices.chooseSpeakerHint')}</p>
        </div>
      ) : null}
      {choice === 'system' ? <p className="hint">{t('visit.devices.speakerSystem')}</p> : null}
    </section>
  );
}
