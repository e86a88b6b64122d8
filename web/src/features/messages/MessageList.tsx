import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadMessage } from '@portico/contracts';
import { formatBytes, formatMoment } from './format';

type Side = ThreadMessage['side'];

/** Says "New message from …" when the other side's message arrives while the page is open. */
function useArrivals(messages: readonly ThreadMessage[], ownSide: Side): string {
  const { t } = useTranslation();
  const seen = useRef<Set<string> | null>(null);
  const [said, setSaid] = useState('');
  useEffect(() => {
    const ids = new Set(messages.map((m) => m.id));
    if (seen.current) {
      const known = seen.current;
      const fresh = messages.filter((m) => !known.has(m.id) && m.side !== ownSide);
      const last = fresh.at(-1);
      if (last) setSaid(t('messages.thread.arrived', { name: last.authorName }));
    }
    seen.current = ids;
  }, [messages, ownSide, t]);
  return said;
}

/** The conversation in order: who wrote each message, when, its files, and read receipts on ours. */
export function MessageList({ messages, ownSide }: { messages: readonly ThreadMessage[]; ownSide: Side }) {
  const { t, i18n } = useTranslation();
  const arrived = useArrivals(messages, ownSide);
  const when = (iso: string) => formatMoment(iso, i18n.language);
  return (
    <>
      <ol className="msg-list" aria-label={t('messages.thread.listLabel', { count: messages.length })}>
        {messages.map((m) => {
          const mine = m.side === ownSide;
          return (
            <li key={m.id} className={mine ? 'msg msg--mine' : 'msg'}>
              <p className="msg__meta">
                <span className="msg__author">{m.authorName}</span>{' '}
                <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
              </p>
              <p className="msg__body">{m.body}</p>
              {m.attachments.length > 0 ? (
                <ul className="msg__files" aria-label={t('messages.thread.files', { count: m.attachments.length })}>
                  {m.attachments.map((a) => (
                    <li key={a.id}>
                      <a href={a.url} download={a.filename}>
                        {a.filename}
                      </a>{' '}
                      <span className="msg-files__size">{formatBytes(a.sizeBytes, i18n.language)}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              {mine ? (
                <p className="msg__receipt">
                  {m.readAt ? t('messages.thread.read', { when: when(m.readAt) }) : t('messages.thread.notRead')}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" role="status">
        {arrived}
      </p>
    </>
  );
}
