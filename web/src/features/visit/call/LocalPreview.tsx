import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalView } from '../rtc/snapshot';

/** This person's own camera, mirrored like a mirror, small in the corner during the call. */
export function LocalPreview({ local, large = false }: { local: LocalView; large?: boolean }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    const track = local.stream?.getVideoTracks()[0];
    // A fresh stream per camera track: some browsers do not follow tracks swapped in a playing stream.
    el.srcObject = track ? new MediaStream([track]) : null;
    if (track) void el.play().catch(() => undefined);
  }, [local.stream, local.videoTrackId]);

  const showVideo = local.hasVideo && local.videoOn;
  return (
    <figure className={large ? 'vi-self vi-self--large' : 'vi-self'}>
      <video ref={video} className="vi-self__video" autoPlay playsInline muted aria-hidden="true" hidden={!showVideo} />
      {showVideo ? null : <p className="vi-self__off">{t('visit.call.yourCameraOff')}</p>}
      <figcaption className="vi-self__caption">
        {t('visit.call.you')}
        {local.hasAudio && !local.audioOn ? ` · ${t('visit.call.youMuted')}` : ''}
      </figcaption>
    </figure>
  );
}
