import { useEffect, useRef } from 'react';

/** Moves focus to the element when it appears (an opened panel's heading), so nobody is left behind. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
