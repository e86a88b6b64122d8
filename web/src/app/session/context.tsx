import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { SessionInfo } from '@portico/contracts';
import type { ApiClient } from '../api';
import type { SessionSnapshot, SessionStore } from './store';

interface Services {
  store: SessionStore;
  api: ApiClient;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ store, api, children }: Services & { children: ReactNode }) {
  return <ServicesContext.Provider value={{ store, api }}>{children}</ServicesContext.Provider>;
}

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('ServicesProvider is missing');
  return services;
}

export function useApi(): ApiClient {
  return useServices().api;
}

export function useSessionStore(): SessionStore {
  return useServices().store;
}

export function useSessionSnapshot(): SessionSnapshot {
  const { store } = useServices();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

export function useSession(): SessionInfo | null {
  return useSessionSnapshot().session;
}

/** For components rendered only inside RequireAuth. */
export function useRequiredSession(): SessionInfo {
  const session = useSession();
  if (!session) throw new Error('useRequiredSession used outside an authenticated route');
  return session;
}
