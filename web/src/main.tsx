import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './app/api';
import { App } from './app/App';
import { initI18n } from './app/i18n';
import { followAccountLanguage } from './app/i18n/account';
import { createQueryClient } from './app/queryClient';
import { ServicesProvider } from './app/session/context';
import { forgetDataOnUserChange } from './app/session/forgetOnUserChange';
import { SessionStore } from './app/session/store';
import './app/styles.css';

await initI18n();
const store = new SessionStore();
const api = new ApiClient(store);
const queryClient = createQueryClient();
forgetDataOnUserChange(store, queryClient);
followAccountLanguage(store, api);

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <ServicesProvider store={store} api={api}>
        <App queryClient={queryClient} />
      </ServicesProvider>
    </StrictMode>,
  );
}
