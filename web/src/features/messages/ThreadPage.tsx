import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/ui/Loading';
import { Notice } from '../../app/ui/Notice';
import { PageTitle } from '../../app/ui/PageTitle';
import { useFocusHeadingWhenReady } from '../find-doctor';
import { useMessageOptions, useThread } from './api';
import { LoadProblem } from '../sharing';
import { MessageList } from './MessageList';
import type { SentState } from './NewMessagePage';
import { ReplyForm } from './ReplyForm';
import { ResponseTime } from './ResponseTime';
import { ThreadFacts } from './ThreadFacts';
import './messages.css';

/** Files per message and their size when the options have not loaded (the server's defaults). */
export const FALLBACK_LIMITS = { maxAttachmentBytes: 10 * 1024 * 1024, maxAttachments: 5 } as const;

function readSent(state: unknown): SentState | null {
  if (typeof state !== 'object' || state === null || !('sentFiles' in state)) return null;
  return typeof state.sentFiles === 'number' ? { sentFiles: state.sentFiles } : null;
}

/** One conversation for the patient: every message, read receipts on theirs, and a reply box. */
export function ThreadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const sent = readSent(location.state);
  const thread = useThread(id);
  const options = useMessageOptions();
  const limits = options.data ?? FALLBACK_LIMITS;
  useFocusHeadingWhenReady(thread.data !== undefined);

  return (
    <div className="narrow-wide">
      <p className="msg-back">
        <Link to="/messages">{t('messages.backToList')}</Link>
      </p>
      {thread.isLoading ? <Loading /> : null}
      {thread.isError ? (
        <LoadProblem lead={t('messages.loadError')} error={thread.error} retry={() => void thread.refetch()} />
      ) : null}
      {thread.data ? (
        <>
          <PageTitle>{thread.data.subject}</PageTitle>
          {sent ? (
            <Notice tone="success">
              <p>{t('messages.thread.sent')}</p>
              {sent.sentFiles > 0 ? <p>{t('messages.upload.done', { count: sent.sentFiles })}</p> : null}
            </Notice>
          ) : null}
          <ThreadFacts thread={thread.data} />
          <section className="section" aria-labelledby="msg-conversation">
            <h2 id="msg-conversation" className="visually-hidden">
              {t('messages.thread.conversation')}
            </h2>
            <MessageList messages={thread.data.messages} ownSide="patient" />
          </section>
          <ReplyForm threadId={thread.data.id} maxBytes={limits.maxAttachmentBytes} maxFiles={limits.maxAttachments} />
          {options.data ? <ResponseTime options={options.data} /> : null}
        </>
      ) : null}
    </div>
  );
}
