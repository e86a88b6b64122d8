import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../app/forms/validators';

/** The score the server asks for (MIN_PASSWORD_SCORE in server/src/modules/identity/passwords.ts). */
const GOOD_SCORE = 3;

type Level = 'tooShort' | 'weak' | 'good' | 'strong';

/**
 * A strength meter with plain advice under a new password, scored in the browser by the same
 * offline lists the server uses. Nothing is sent anywhere while typing.
 */
export function PasswordStrength({ password, id }: { password: string; id: string }) {
  const { t } = useTranslation();
  const [scored, setScored] = useState<{ password: string; score: number } | null>(null);
  useEffect(() => {
    if (password === '') return;
    let live = true;
    void import('./strength').then(({ passwordScore }) => {
      if (live) setScored({ password, score: passwordScore(password, []) });
    });
    return () => {
      live = false;
    };
  }, [password]);
  if (password === '') return null;
  const score = scored?.password === password ? scored.score : null;
  const level: Level =
    password.length < PASSWORD_MIN_LENGTH
      ? 'tooShort'
      : score === null || score < GOOD_SCORE
        ? 'weak'
        : score === 4
          ? 'strong'
          : 'good';
  if (score === null && level !== 'tooShort') return null;
  return (
    <div className="strength" id={id} aria-live="polite">
      <meter
        className="strength__meter"
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={level === 'tooShort' ? 0 : (score ?? 0)}
        aria-label={t('passwordStrength.meter')}
      />
      <p className={`strength__text strength__text--${level}`}>
        <strong>{t(`passwordStrength.${level}`)}</strong>{' '}
        {t(`passwordStrength.advice.${level}`, { min: PASSWORD_MIN_LENGTH })}
      </p>
    </div>
  );
}
