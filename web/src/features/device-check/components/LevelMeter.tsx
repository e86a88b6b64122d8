import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaTester } from '../media/MediaTester';

/**
 * The microphone level as a <meter>, updated straight on the element about twelve times a
 * second (no React render per update). Screen readers get the "we can hear you" line instead.
 */
export function LevelMeter({ tester, id }: { tester: MediaTester; id: string }) {
  const { t } = useTranslation();
  const meter = useRef<HTMLMeterElement>(null);
  useEffect(
    () =>
      tester.onLevel((level) => {
        if (meter.current) meter.current.value = Math.round(level * 100) / 100;
      }),
    [tester],
  );
  return (
    <meter
      ref={meter}
      id={id}
      className="dc-meter"
      min={0}
      max={1}
      low={0.4}
      high={0.95}
      optimum={0.6}
      value={0}
      aria-label={t('deviceCheck.microphone.meter')}
    />
  );
}
