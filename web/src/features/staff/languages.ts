/**
 * Languages offered when registering a patient (codes per BCP 47). Names are shown through
 * Intl.DisplayNames, so they appear in the viewer's own language without translation files.
 */
export const PATIENT_LANGUAGES = [
  'en',
  'es',
  'pt',
  'zh',
  'ht',
  'vi',
  'ar',
  'ru',
  'fr',
  'ko',
  'ja',
  'it',
  'pl',
  'hi',
  'km',
  'so',
] as const;
