import type { TFunction } from 'i18next';
import { isUsState } from './places';

/** A state code as its name ("MA" → "Massachusetts"); other codes as they are. */
export function stateName(t: TFunction, code: string): string {
  return isUsState(code) ? t(`visit.states.${code}`) : code;
}

/** "Massachusetts", "Massachusetts or New Hampshire", … in the reader's language. */
export function placeList(t: TFunction, codes: readonly string[], locale: string): string {
  const names = codes.map((code) => stateName(t, code));
  try {
    return new Intl.ListFormat(locale, { type: 'disjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/** Where the patient said they are, in words: a state name, or a country name. */
export function locationName(t: TFunction, country: string, region: string | null, locale: string): string {
  if (country === 'US' && region) return stateName(t, region);
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}
