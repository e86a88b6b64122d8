import { useTranslation } from 'react-i18next';
import type { Interpretation } from '@portico/contracts';
import { FLAG_SIGNS } from './format';

/** A result's flag as a word with an arrow, coloured too, but never by colour alone. */
export function Flag({ flag }: { flag: Interpretation | null }) {
  const { t } = useTranslation();
  if (!flag) return null;
  const { sign, tone } = FLAG_SIGNS[flag];
  return (
    <span className={`res-flag res-flag--${tone}`}>
      <span aria-hidden="true">{sign} </span>
      {t(`results.flags.${flag}`)}
    </span>
  );
}
