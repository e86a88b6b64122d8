import { useEffect, useState } from 'react';

/**
 * The current time, re-read once a second while within `windowMs` of the deadline and at most
 * once a minute before that (timers drift or pause while a phone sleeps, so never wait longer).
 */
export function useNowNear(deadline: number, windowMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer = 0;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      const untilWindow = deadline - windowMs - current;
      timer = window.setTimeout(tick, untilWindow > 1000 ? Math.min(untilWindow, 60_000) : 1000);
    };
    timer = window.setTimeout(tick, 0);
    return () => window.clearTimeout(timer);
  }, [deadline, windowMs]);
  return now;
}
