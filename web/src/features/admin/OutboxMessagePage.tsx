import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { messageForError } from '../../app/errors';
import { formatDateTime } from '../../app/ui/format';
import { Loading } from '../../app/ui/Loading';
import { ErrorMessage } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useOutboxMessage } from './api';
import { linkify } from './linkify';

export function OutboxMessagePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const message = useOutboxMessage(id);
  const back = (
    <p>
      <Link to="/admin/outbox">{t('admin.outbox.back')}</Link>
    </p>
  );
  if (!message.data) {
    return (
      <>
        <PageTitle>{t('admin.outbox.messageTitle')}</PageTitle>
        {message.isLoading ? <Loading /> : <ErrorMessage>{messageForError(t, message.error)}</ErrorMessage>}
        {back}
      </>
    );
  }
  const m = message.data;
  return (
    <>
      <PageTitle>{m.subject}</PageTitle>
      <dl className="details">
        <div>
          <dt>{t('admin.outbox.toLabel')}</dt>
          <dd>{m.to}</dd>
        </div>
        <div>
          <dt>{t('admin.outbox.dateLabel')}</dt>
          <dd>{formatDateTime(m.createdAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('admin.outbox.statusLabel')}</dt>
          <dd>{t(`admin.outbox.status.${m.status}`)}</dd>
        </div>
      </dl>
      <h2>{t('admin.outbox.bodyTitle')}</h2>
      <pre className="mail-body">{linkify(m.text)}</pre>
      {back}
    </>
  );
}
