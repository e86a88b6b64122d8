import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isSlotTaken, offeredSlots } from '../lib/problems';
import { saKeys } from '../lib/queries';

/**
 * The open time a booking or a move takes, and the times the server offers instead when it
 * refuses one. A time someone else just took is cleared, and the open times are read again.
 */
export function useSlotChoice() {
  const queryClient = useQueryClient();
  const [start, setStart] = useState('');
  const [offered, setOffered] = useState<string[]>([]);
  /** Forget the time and the offers (another clinician or visit type was chosen). */
  const reset = () => {
    setStart('');
    setOffered([]);
  };
  /** Call from the mutation's onError, before showing the errors. */
  const refused = (error: unknown) => {
    setOffered(offeredSlots(error));
    if (isSlotTaken(error)) {
      setStart('');
      void queryClient.invalidateQueries({ queryKey: saKeys.slots });
    }
  };
  return { start, setStart, offered, reset, refused };
}
