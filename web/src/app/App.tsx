import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '@portico/contracts';
import { useApi, useSessionSnapshot, useSessionStore } from './session/context';
import { createRouter } from './router';
import { Loading } from './ui/Loading';

/** Loads the session once, then shows the app. */
export function App({ queryClient }: { queryClient: QueryClient }) {
  const { t } = useTranslation();
  const api = useApi();
  const store = useSessionStore();
  const { status } = useSessionSnapshot();
  const [router] = useState(createRouter);

  useEffect(() => {
    if (status !== 'loading') return;
    api.get<SessionState>('/api/auth/session').then(
      (state) => store.set(state.session),
      () => store.failLoading(),
    );
  }, [status, api, store]);

  if (status === 'loading') return <Loading />;
  if (status === 'error') {
    return (
      <main className="main boot-error">
        <h1 className="page-title">{t('boot.title')}</h1>
        <p>{t('boot.body')}</p>
        <button type="button" className="button" onClick={() => store.retryLoading()}>
          {t('boot.retry')}
        </button>
      </main>
    );
  }
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
