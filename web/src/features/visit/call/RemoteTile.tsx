import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerView } from '../rtc/snapshot';
import { QualityBadge } from './QualityBadge';
import './tile.css';

interface RemoteTileProps {
  peer: PeerView;
  /** Chosen speaker (audio output device), where the browser lets pages choose. */
  sinkId: string;
}

type SinkableVideo = HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> };

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

/** One other person: their video (or initials when it is off), name, role, connection and volume. */
export function RemoteTile({ peer, sinkId }: RemoteTileProps) {
  const { t } = useTranslation();
  const video = useRef<SinkableVideo>(null);
  const [volume, setVolume] = useState(100);
  const [soundBlocked, setSoundBlocked] = useState(false);
  const volumeId = useId();
  const videoOff = peer.remoteMedia?.video === false || !peer.stream?.getVideoTracks().length;

  useEffect(() => {
    const el = video.current;
    if (!el || !peer.stream) return;
    if (el.srcObject !== peer.stream) el.srcObject = peer.stream;
    el.muted = false;
    el.play().catch(() => {
      // The browser wants a tap before playing sound: play silently until then.
      el.muted = true;
      setSoundBlocked(true);
      void el.play().catch(() => undefined);
    });
  }, [peer.stream, peer.streamKey]);

  useEffect(() => {
    if (video.current) video.current.volume = volume / 100;
  }, [volume]);

  useEffect(() => {
    const el = video.current;
    if (el?.setSinkId && sinkId) void el.setSinkId(sinkId).catch(() => undefined);
  }, [sinkId]);

  const turnOnSound = () => {
    const el = video.current;
    if (!el) return;
    el.muted = false;
    void el.play().then(
      () => setSoundBlocked(false),
      () => undefined,
    );
  };

  const role = t(`visit.roles.${peer.role}`);
  return (
    <li className={videoOff ? 'vi-tile vi-tile--novideo' : 'vi-tile'} data-peer-state={peer.state}>
      <video ref={video} className="vi-tile__video" autoPlay playsInline aria-hidden="true" />
      {videoOff ? (
        <div className="vi-tile__avatar" aria-hidden="true">
          {initials(peer.name)}
        </div>
      ) : null}
      <div className="vi-tile__bar">
        <p className="vi-tile__who">
          <span className="vi-tile__name">{peer.name}</span>
          <span className="vi-tile__role">{role}</span>
        </p>
        <QualityBadge state={peer.state} quality={peer.quality} departed={peer.departed} />
        {peer.remoteMedia?.audio === false ? <p className="vi-tile__flag">{t('visit.call.theyMuted')}</p> : null}
        {videoOff && peer.remoteMedia?.video === false ? (
          <p className="vi-tile__flag">{t('visit.call.theirCameraOff')}</p>
        ) : null}
      </div>
      {soundBlocked ? (
        <button type="button" className="button vi-tile__sound" onClick={turnOnSound}>
          {t('visit.call.turnOnSound', { name: peer.name })}
        </button>
      ) : null}
      <div className="vi-tile__volume">
        <label htmlFor={volumeId}>{t('visit.call.volume', { name: peer.name })}</label>
        <input
          id={volumeId}
          type="range"
          min={0}
          max={100}
          step={5}
          value={volume}
          aria-valuetext={t('visit.call.volumeValue', { value: volume })}
          onChange={(event) => setVolume(Number(event.target.value))}
        />
      </div>
    </li>
  );
}
