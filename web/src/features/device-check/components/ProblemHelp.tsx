import { useTranslation } from 'react-i18next';
import { mediaHelp, type MediaProblem } from '../lib/mediaProblems';
import type { UserAgentInfo } from '../lib/userAgent';
import { useBrowserName } from './useBrowserName';

interface ProblemHelpProps {
  problem: MediaProblem;
  device: 'camera' | 'microphone' | 'both';
  ua: UserAgentInfo;
  onRetry: () => void;
}

/** What went wrong with a camera or microphone, and numbered steps for this browser to fix it. */
export function ProblemHelp({ problem, device, ua, onRetry }: ProblemHelpProps) {
  const { t } = useTranslation();
  const browser = useBrowserName(ua);
  const { steps } = mediaHelp(problem, ua);
  return (
    <div className="notice notice--warning dc-problem" role="alert">
      <p className="notice__title">{t(`deviceCheck.help.titles.${problem}.${device}`, { browser })}</p>
      <p className="dc-problem__intro">{t('deviceCheck.help.stepsIntro')}</p>
      <ol className="dc-steps">
        {steps.map((step) => (
          <li key={step}>{t(`deviceCheck.help.steps.${step}`, { browser })}</li>
        ))}
      </ol>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t('deviceCheck.start.retry')}
      </button>
    </div>
  );
}
