import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

interface OpenRecordValue {
  name: string | null;
  setName: (name: string | null) => void;
}

const OpenRecordContext = createContext<OpenRecordValue>({ name: null, setName: () => undefined });

/** Which patient's record the care team is looking at, for the header's "Record:" line. */
export function OpenRecordProvider({ children }: { children: ReactNode }) {
  const [name, setName] = useState<string | null>(null);
  return <OpenRecordContext.Provider value={{ name, setName }}>{children}</OpenRecordContext.Provider>;
}

export function useOpenRecordName(): string | null {
  return useContext(OpenRecordContext).name;
}

/** Call from a page that shows one patient's record; cleared when the page closes. */
export function useShowOpenRecord(name: string | null): void {
  const { setName } = useContext(OpenRecordContext);
  useEffect(() => {
    setName(name);
    return () => setName(null);
  }, [name, setName]);
}
