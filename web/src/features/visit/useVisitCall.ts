import { useEffect, useState, useSyncExternalStore } from 'react';
import type { IceServers, SessionInfo } from '@portico/contracts';
import { isApiError } from '../../app/api';
import { useApi, useSession, useSessionStore } from '../../app/session/context';
import { CallSession } from './rtc/callSession';
import { EMPTY_SNAPSHOT, type CallSnapshot } from './rtc/snapshot';
import { exposeStatsForTests } from './rtc/testHooks';
import { visitPath } from './api';

/**
 * A signed-in visit refreshes the session every third of the idle timeout (at most every four
 * minutes), so a long visit never signs anyone out and the idle warning never covers the call.
 */
const KEEP_ALIVE_MAX_MS = 4 * 60_000;
const KEEP_ALIVE_MIN_MS = 10_000;

export interface CallActions {
  setAudio(on: boolean): void;
  setVideo(on: boolean): void;
  useCamera(deviceId: string): void;
  useMicrophone(deviceId: string): void;
}

/** Holds the current CallSession for useSyncExternalStore (created and stopped by an effect). */
class CallHolder {
  private session: CallSession | null = null;
  private readonly listeners = new Set<() => void>();
  private off: (() => void) | null = null;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CallSnapshot => this.session?.snapshot ?? EMPTY_SNAPSHOT;

  attach(session: CallSession): void {
    this.session = session;
    this.off = session.on('change', this.notify);
    this.notify();
  }

  detach(session: CallSession): void {
    if (this.session !== session) return;
    this.off?.();
    this.session = null;
    this.notify();
  }

  private readonly notify = () => {
    for (const listener of this.listeners) listener();
  };

  readonly actions: CallActions = {
    setAudio: (on) => this.session?.media?.setAudio(on),
    setVideo: (on) => void this.session?.media?.setVideo(on),
    useCamera: (id) => void this.session?.media?.useCamera(id),
    useMicrophone: (id) => void this.session?.media?.useMicrophone(id),
  };
}

export interface UseVisitCallOptions {
  appointmentId: string;
  /** Open the socket (after the patient pressed Start; at once for the care team and guests). */
  enabled: boolean;
  /** Camera and microphone: false for phone visits. */
  withMedia: boolean;
  guest?: boolean;
  /** Bump to start over with a fresh connection (e.g. "use this window instead"). */
  round?: number;
}

/** One person's side of a visit for React: the live snapshot and the controls. */
export function useVisitCall({ appointmentId, enabled, withMedia, guest = false, round = 0 }: UseVisitCallOptions) {
  const api = useApi();
  const [holder] = useState(() => new CallHolder());
  useKeepSessionAlive(enabled && !guest);

  useEffect(() => {
    if (!enabled) return;
    const session = new CallSession({
      appointmentId,
      withMedia,
      fetchIceServers: () => api.get<IceServers>(`${visitPath(appointmentId)}/ice-servers`),
      probe: async () => {
        try {
          if (guest) {
            await api.get('/api/visits/guest/current');
            return true;
          }
          const view = await api.get<{ status: string }>(visitPath(appointmentId));
          return view.status !== 'finished' && view.status !== 'cancelled';
        } catch (error) {
          // Only a definite "gone" stops the retries; a network error keeps trying.
          return !(isApiError(error) && error.status >= 400 && error.status < 500);
        }
      },
    });
    holder.attach(session);
    const unexpose = exposeStatsForTests(session);
    session.start();
    return () => {
      unexpose();
      holder.detach(session);
      session.stop();
    };
  }, [api, holder, appointmentId, enabled, withMedia, guest, round]);

  const snapshot = useSyncExternalStore(holder.subscribe, holder.getSnapshot);
  return { snapshot, actions: holder.actions };
}

function useKeepSessionAlive(enabled: boolean): void {
  const api = useApi();
  const store = useSessionStore();
  const idleSeconds = useSession()?.idleTimeoutSeconds ?? null;
  useEffect(() => {
    if (!enabled || idleSeconds === null) return;
    const every = Math.max(KEEP_ALIVE_MIN_MS, Math.min(KEEP_ALIVE_MAX_MS, (idleSeconds * 1000) / 3));
    const timer = window.setInterval(() => {
      api.post<SessionInfo>('/api/auth/session/refresh').then(
        (session) => store.set(session),
        // A network blip: the next round tries again. A lost session is handled by the API client.
        () => undefined,
      );
    }, every);
    return () => window.clearInterval(timer);
  }, [api, store, enabled, idleSeconds]);
}
