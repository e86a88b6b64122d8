import { useTranslation } from 'react-i18next';
import type { ClinicianCard, VisitMode } from '@portico/contracts';
import { languageName } from '../../app/ui/format';

/** Words for the directory's codes (languages, states, visit modes) in the reader's language. */
export function useDirectoryLabels() {
  const { t, i18n } = useTranslation();
  const stateNames: Record<string, string> = t('findDoctor.stateNames', { returnObjects: true });
  const separator = t('findDoctor.listSeparator');
  return {
    language: (code: string) => languageName(code, i18n.language),
    languages: (codes: readonly string[]) => codes.map((code) => languageName(code, i18n.language)).join(separator),
    state: (code: string) => stateNames[code] ?? code,
    states: (codes: readonly string[]) => codes.map((code) => stateNames[code] ?? code).join(separator),
    mode: (mode: VisitMode) => t(`findDoctor.modes.${mode}`),
    modes: (modes: readonly VisitMode[]) => modes.map((mode) => t(`findDoctor.modes.${mode}`)).join(separator),
    /** "Amara Park, DO". */
    clinician: (c: Pick<ClinicianCard, 'givenName' | 'familyName' | 'credentials'>) => {
      const name = t('findDoctor.fullName', { given: c.givenName, family: c.familyName });
      return c.credentials ? t('findDoctor.nameWithCredentials', { name, credentials: c.credentials }) : name;
    },
  };
}
