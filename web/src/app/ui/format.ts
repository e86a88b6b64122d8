/** A calendar date such as a birth date (YYYY-MM-DD), shown without any time-zone shift. */
export function formatDate(isoDate: string, locale: string): string {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (!Number.isFinite(time)) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(time);
}

/** A moment in time, in the viewer's own time zone. */
export function formatDateTime(isoDateTime: string, locale: string, timeZone?: string): string {
  const time = Date.parse(isoDateTime);
  if (!Number.isFinite(time)) return isoDateTime;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(time);
}

/** A language code (e.g. "es") as its name in the viewer's language ("Spanish"). */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Names Intl.DisplayNames may not know in the language itself (browsers lack Haitian Creole data). */
const ENDONYMS: Record<string, string> = { ht: 'Kreyòl ayisyen' };

/** A language's name in that language ("pt-BR" -> "Português (Brasil)"), for language pickers. */
export function endonym(code: string): string {
  const known = ENDONYMS[code];
  if (known) return known;
  const name = languageName(code, code);
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

/** m:ss for a countdown. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** A tel: link target from a displayed phone number. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}
