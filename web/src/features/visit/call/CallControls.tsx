import { useTranslation } from 'react-i18next';
import type { LocalView } from '../rtc/snapshot';
import type { CallActions } from '../useVisitCall';
import { Icon, type IconName } from './icons';

interface ToggleProps {
  icon: IconName;
  label: string;
  pressed: boolean;
  disabled?: boolean;
  onToggle: () => void;
  controls?: string;
  className?: string;
}

/** A toggle with a fixed name and aria-pressed, so screen readers say "Mute, pressed". */
function Toggle({ icon, label, pressed, disabled = false, onToggle, controls, className }: ToggleProps) {
  const classes = ['vi-control', pressed ? 'vi-control--on' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={classes}
      aria-pressed={controls ? undefined : pressed}
      aria-expanded={controls ? pressed : undefined}
      aria-controls={controls}
      disabled={disabled}
      onClick={onToggle}
    >
      <Icon name={icon} />
      <span className="vi-control__label">{label}</span>
    </button>
  );
}

interface CallControlsProps {
  local: LocalView | null;
  actions: CallActions;
  settingsOpen: boolean;
  onSettings: () => void;
  fullscreen: { supported: boolean; active: boolean; toggle: () => void };
  onLeave: () => void;
  leaveLabel: string;
}

/** Mute, camera, device settings, full screen and leave: all buttons, all keyboard-usable. */
export function CallControls(props: CallControlsProps) {
  const { t } = useTranslation();
  const { local, actions, fullscreen } = props;
  return (
    <div className="vi-controls" role="group" aria-label={t('visit.call.controls')}>
      {local ? (
        <>
          <Toggle
            icon={local.audioOn ? 'mic' : 'micOff'}
            label={t('visit.call.mute')}
            pressed={!local.audioOn}
            disabled={!local.hasAudio}
            onToggle={() => actions.setAudio(!local.audioOn)}
          />
          <Toggle
            icon={local.videoOn ? 'camera' : 'cameraOff'}
            label={t('visit.call.stopVideo')}
            pressed={!local.videoOn}
            disabled={local.devices.videoinput.length === 0 && !local.hasVideo}
            onToggle={() => actions.setVideo(!local.videoOn)}
          />
          <Toggle
            icon="settings"
            label={t('visit.call.settings')}
            pressed={props.settingsOpen}
            controls="vi-settings"
            onToggle={props.onSettings}
          />
        </>
      ) : null}
      {fullscreen.supported ? (
        <Toggle
          icon="expand"
          label={t('visit.call.fullScreen')}
          pressed={fullscreen.active}
          onToggle={fullscreen.toggle}
          className="vi-control--roomy"
        />
      ) : null}
      <button type="button" className="vi-control vi-control--leave" onClick={props.onLeave}>
        <Icon name="leave" />
        <span className="vi-control__label">{props.leaveLabel}</span>
      </button>
    </div>
  );
}
