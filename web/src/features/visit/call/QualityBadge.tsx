import { useTranslation } from 'react-i18next';
import type { Quality } from '../rtc/quality';

interface QualityBadgeProps {
  state: RTCPeerConnectionState;
  quality: Quality | null;
  departed?: boolean;
}

const BARS: Record<Quality, number> = { good: 3, fair: 2, poor: 1 };

/** Connection to one person, as words and bars (the bars are decoration). */
export function QualityBadge({ state, quality, departed = false }: QualityBadgeProps) {
  const { t } = useTranslation();
  let label: string;
  let level = 0;
  if (departed) label = t('visit.quality.away');
  else if (state === 'connected' && quality) {
    label = t(`visit.quality.${quality}`);
    level = BARS[quality];
  } else if (state === 'disconnected' || state === 'failed') label = t('visit.quality.reconnecting');
  else if (state === 'connected') label = t('visit.quality.good');
  else label = t('visit.quality.connecting');
  return (
    <p className={`vi-quality vi-quality--${level}`}>
      <span className="vi-quality__bars" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      {label}
    </p>
  );
}
