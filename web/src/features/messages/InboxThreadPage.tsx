import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useShowOpenRecord } from '../../app/layout/OpenRecord';
import { Loading } from '../../app/ui/Loading';
import { PageTitle } from '../../app/ui/PageTitle';
import { useFocusHeadingWhenReady } from '../find-doctor';
import { useThread } from './api';
import { ThreadActions } from './ThreadActions';
import { LoadProblem } from '../sharing';
import { MessageList } from './MessageList';
import { ReplyForm } from './ReplyForm';
import { ThreadFacts } from './ThreadFacts';
import { FALLBACK_LIMITS } from './ThreadPage';
import './messages.css';

/** One conversation for the care team: the patient, who has it, the messages and a reply box. */
export function InboxThreadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const thread = useThread(id);
  useShowOpenRecord(thread.data?.patientName ?? null);
  useFocusHeadingWhenReady(thread.data !== undefined);

  return (
    <div className="narrow-wide">
      <p className="msg-back">
        <Link to="/inbox">{t('messages.inbox.back')}</Link>
      </p>
      {thread.isLoading ? <Loading /> : null}
      {thread.isError ? (
        <LoadProblem lead={t('messages.loadError')} error={thread.error} retry={() => void thread.refetch()} />
      ) : null}
      {thread.data ? (
        <>
          <PageTitle>{thread.data.subject}</PageTitle>
          <ThreadFacts thread={thread.data} careTeam />
          <ThreadActions thread={thread.data} />
          <section className="section" aria-labelledby="msg-conversation">
            <h2 id="msg-conversation">{t('messages.thread.conversation')}</h2>
            <MessageList messages={thread.data.messages} ownSide="care_team" />
          </section>
          <ReplyForm
            threadId={thread.data.id}
            maxBytes={FALLBACK_LIMITS.maxAttachmentBytes}
            maxFiles={FALLBACK_LIMITS.maxAttachments}
          />
        </>
      ) : null}
    </div>
  );
}
