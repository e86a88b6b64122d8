import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeviceSessionList, EndedCount } from '@portico/contracts';
import { messageForError } from '../../app/errors';
import { useApi } from '../../app/session/context';
import { formatDateTime } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage, Notice } from '../../app/ui/Notice';

const KEY = ['auth', 'sessions'] as const;

/** "Where you're signed in": each session's browser, times and coarse network; sign out one or all others. */
export function SignedInPlaces() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => api.get<DeviceSessionList>('/api/auth/sessions') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const endOne = useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/auth/sessions/${id}`),
    onSettled: refresh,
  });
  const endOthers = useMutation({
    mutationFn: () => api.post<EndedCount>('/api/auth/sessions/end-others', {}),
    onSettled: refresh,
  });
  const sessions = list.data?.sessions ?? [];
  const others = sessions.filter((s) => !s.current).length;
  const failed = endOne.error ?? endOthers.error;
  return (
    <section className="section" aria-labelledby="signed-in-title">
      <h2 id="signed-in-title">{t('account.devices.title')}</h2>
      <p>{t('account.devices.intro')}</p>
      {list.isLoading ? <Loading /> : null}
      {list.isError ? <ErrorMessage>{messageForError(t, list.error)}</ErrorMessage> : null}
      {failed ? <ErrorMessage>{messageForError(t, failed)}</ErrorMessage> : null}
      {endOthers.isSuccess ? (
        <Notice tone="success">{t('account.devices.endedOthers', { count: endOthers.data.ended })}</Notice>
      ) : null}
      <ul className="result-list">
        {sessions.map((s) => (
          <li key={s.id} className="result">
            <p className="result__name">
              {s.browser}
              {s.current ? ` — ${t('account.devices.thisOne')}` : ''}
            </p>
            <p className="result__meta">
              {t('account.devices.times', {
                signedIn: formatDateTime(s.signedInAt, i18n.language),
                lastActive: formatDateTime(s.lastActiveAt, i18n.language),
              })}
            </p>
            {s.network ? <p className="result__meta">{t('account.devices.network', { network: s.network })}</p> : null}
            {s.current ? null : (
              <button
                type="button"
                className="button button--secondary"
                aria-label={t('account.devices.signOutOneLabel', { browser: s.browser })}
                onClick={() => endOne.mutate(s.id)}
                disabled={endOne.isPending}
              >
                {t('account.devices.signOutOne')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <button type="button" className="button" onClick={() => endOthers.mutate()} disabled={endOthers.isPending}>
          {t('account.devices.signOutOthers')}
        </button>
      ) : list.data ? (
        <p>{t('account.devices.onlyHere')}</p>
      ) : null}
    </section>
  );
}
