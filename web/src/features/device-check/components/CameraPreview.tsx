import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The person's own camera picture, mirrored like a mirror, never sent anywhere. */
export function CameraPreview({ stream }: { stream: MediaStream | null }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = stream;
    if (stream) void element.play().catch(() => undefined);
  }, [stream]);
  return (
    <div className={stream ? 'dc-preview dc-preview--live' : 'dc-preview'}>
      <video
        ref={video}
        className="dc-preview__video"
        aria-label={t('deviceCheck.camera.preview')}
        muted
        playsInline
        autoPlay
      />
    </div>
  );
}
