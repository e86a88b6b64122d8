import { useCallback, useState } from 'react';

/** String values for a form's fields, with a typed setter per field. */
export function useFormValues<F extends string>(initial: Record<F, string>) {
  const [values, setValues] = useState<Record<F, string>>(initial);
  const set = useCallback((name: F, value: string) => {
    setValues((prev) => ({ ...prev, [name]: value }));
  }, []);
  const reset = useCallback(() => setValues(initial), [initial]);
  return { values, set, reset };
}
