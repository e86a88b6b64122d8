import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { askForSpeaker, speakerChoice } from '../../visit';
import { chimeWav } from '../lib/tone';
import type { UserAgentInfo } from '../lib/userAgent';
import type { DeviceOption } from '../media/MediaTester';
import { DevicePicker } from './DevicePicker';
import { SectionHeading, type HeadingLevel } from './SectionHeading';

interface SpeakerCheckProps {
  speakers: DeviceOption[];
  ua: UserAgentInfo;
  level: HeadingLevel;
}

type Answer = 'yes' | 'no' | null;

/** A test chime made in the page (no download), with volume, speaker choice and "did you hear it?". */
export function SpeakerCheck({ speakers, ua, level }: SpeakerCheckProps) {
  const { t } = useTranslation();
  const volumeId = useId();
  const audio = useRef<HTMLAudioElement>(null);
  const url = useRef<string | null>(null);
  const [volume, setVolume] = useState(80);
  const [speakerId, setSpeakerId] = useState<string | null>(null);
  const [played, setPlayed] = useState(false);
  const [failed, setFailed] = useState(false);
  const [answer, setAnswer] = useState<Answer>(null);
  /** A speaker picked in the browser's own prompt (where speakers are not listed to pages). */
  const [asked, setAsked] = useState<{ id: string; label: string } | 'none' | null>(null);
  const choice = speakerChoice(speakers.length);
  const choosable = choice !== 'system';
  const ios = ua.os === 'ios';

  useEffect(() => {
    const holder = url;
    return () => {
      if (holder.current) URL.revokeObjectURL(holder.current);
      holder.current = null;
    };
  }, []);

  const play = async () => {
    const element = audio.current;
    if (!element) return;
    setAnswer(null);
    try {
      if (!url.current) url.current = URL.createObjectURL(new Blob([chimeWav()], { type: 'audio/wav' }));
      if (element.src !== url.current) element.src = url.current;
      element.volume = volume / 100;
      const sink = choice === 'ask' ? (asked !== null && asked !== 'none' ? asked.id : null) : speakerId;
      if (choosable && sink) await element.setSinkId(sink);
      element.currentTime = 0;
      await element.play();
      setFailed(false);
      setPlayed(true);
    } catch {
      setFailed(true);
    }
  };

  const ask = async () => {
    const device = await askForSpeaker();
    setAsked(device ? { id: device.deviceId, label: device.label } : 'none');
  };

  const changeVolume = (value: number) => {
    setVolume(value);
    if (audio.current) audio.current.volume = value / 100;
  };

  return (
    <section className="dc-section" aria-labelledby="dc-speakers-title">
      <SectionHeading level={level} id="dc-speakers-title">
        {t('deviceCheck.headings.speakers')}
      </SectionHeading>
      <p>{t('deviceCheck.speakers.intro')}</p>
      <audio ref={audio} preload="none" />
      {choice === 'list' ? (
        <DevicePicker
          label={t('deviceCheck.speakers.pick')}
          unnamed={(n) => t('deviceCheck.speakers.unnamed', { n })}
          devices={speakers}
          value={speakerId ?? speakers[0]?.id ?? null}
          onChoose={setSpeakerId}
        />
      ) : null}
      {choice === 'ask' ? (
        <div className="field">
          <button type="button" className="button button--quiet" onClick={() => void ask()}>
            {t('deviceCheck.speakers.ask')}
          </button>
          <p className="field__hint">{t('deviceCheck.speakers.askHint')}</p>
          <p role="status">
            {asked === 'none' ? t('deviceCheck.speakers.askFailed') : null}
            {asked !== null && asked !== 'none'
              ? asked.label
                ? t('deviceCheck.speakers.chosen', { name: asked.label })
                : t('deviceCheck.speakers.chosenUnnamed')
              : null}
          </p>
        </div>
      ) : null}
      {choice === 'system' ? <p className="field__hint">{t('deviceCheck.speakers.system')}</p> : null}
      <div className="field dc-volume">
        <label className="field__label" htmlFor={volumeId}>
          {t('deviceCheck.speakers.volume')}
        </label>
        {ios ? <p className="field__hint">{t('deviceCheck.speakers.volumeIos')}</p> : null}
        <input
          id={volumeId}
          className="dc-volume__range"
          type="range"
          min={0}
          max={100}
          step={10}
          value={volume}
          aria-valuetext={`${volume}%`}
          onChange={(event) => changeVolume(Number(event.target.value))}
        />
      </div>
      <button type="button" className="button button--secondary" onClick={() => void play()}>
        {t('deviceCheck.speakers.play')}
      </button>
      {failed ? (
        <p className="dc-result dc-result--bad" role="alert">
          {t('deviceCheck.speakers.playFailed')}
        </p>
      ) : null}
      {played ? (
        <fieldset className="dc-question">
          <legend className="field__label">{t('deviceCheck.speakers.question')}</legend>
          <div className="button-row">
            <button
              type="button"
              className="button button--quiet"
              aria-pressed={answer === 'yes'}
              onClick={() => setAnswer('yes')}
            >
              {t('deviceCheck.speakers.yes')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              aria-pressed={answer === 'no'}
              onClick={() => setAnswer('no')}
            >
              {t('deviceCheck.speakers.no')}
            </button>
          </div>
        </fieldset>
      ) : null}
      <div role="status">
        {answer === 'yes' ? <p className="dc-result dc-result--ok">{t('deviceCheck.speakers.heard')}</p> : null}
        {answer === 'no' ? (
          <NotHeardHelp mobile={ua.mobile} canChoose={choice === 'ask' || (choice === 'list' && speakers.length > 1)} />
        ) : null}
      </div>
    </section>
  );
}

function NotHeardHelp({ mobile, canChoose }: { mobile: boolean; canChoose: boolean }) {
  const { t } = useTranslation();
  const steps = [
    'volumeUp',
    ...(mobile ? (['silentSwitch'] as const) : []),
    'headphones',
    ...(canChoose ? (['otherSpeaker'] as const) : []),
    'again',
  ] as const;
  return (
    <div className="notice notice--warning">
      <p className="notice__title">{t('deviceCheck.speakers.notHeardTitle')}</p>
      <ol className="dc-steps">
        {steps.map((step) => (
          <li key={step}>{t(`deviceCheck.speakers.notHeard.${step}`)}</li>
        ))}
      </ol>
    </div>
  );
}
