import { useTranslation } from 'react-i18next';
import { messageForError } from '../../app/errors';
import { ErrorMessage } from '../../app/ui/Notice';
import { isAreaNotAllowed, NoAccessNotice } from './NoAccess';

interface LoadProblemProps {
  error: unknown;
  retry: () => void;
  /** What did not load, as a sentence ("Your messages could not be loaded."). */
  lead: string;
}

/** A page's data did not load: a kind word for a proxy without access, else the reason and a retry. */
export function LoadProblem({ error, retry, lead }: LoadProblemProps) {
  const { t } = useTranslation();
  if (isAreaNotAllowed(error)) return <NoAccessNotice />;
  return (
    <ErrorMessage>
      <p>
        {lead} {messageForError(t, error)}
      </p>
      <button type="button" className="button button--secondary" onClick={retry}>
        {t('sharing.retry')}
      </button>
    </ErrorMessage>
  );
}
