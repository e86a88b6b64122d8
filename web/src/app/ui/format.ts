/** A calendar date such as a birth date (YYYY-MM-DD), shown without any time-zone shift. */
export function formatDate(isoDate: string, locale: string): string {
  const time = Date.parse(`${isoDate}T00:00:00Z`);
  if (!Number.isFinite(time)) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(time);
}

/** The date of a moment ("Dec 6, 2026"), in the viewer's own time zone. */
export function formatDayOf(isoDateTime: string, locale: string): string {
  const time = Date.parse(isoDateTime);
  if (!Number.isFinite(time)) return isoDateTime;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(time);
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

/** m:ss for a countdown, with the reader's digits (Intl.NumberFormat: "٤:٠٥" in Arabic). */
export function formatCountdown(ms: number, locale = 'en'): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  let whole: Intl.NumberFormat;
  let twoDigits: Intl.NumberFormat;
  try {
    whole = new Intl.NumberFormat(locale, { useGrouping: false });
    twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  } catch {
    whole = new Intl.NumberFormat('en', { useGrouping: false });
    twoDigits = new Intl.NumberFormat('en', { minimumIntegerDigits: 2, useGrouping: false });
  }
  return `${whole.format(minutes)}:${twoDigits.format(seconds)}`;
}

/**
 * A list in the reader's language ("a, b, and c"; "a، b و c"; "a、b和c") through Intl.ListFormat;
 * `unit` for lists without "and" (phone, email), `disjunction` for "a or b".
 */
export function formatList(
  items: readonly string[],
  locale: string,
  type: 'conjunction' | 'disjunction' | 'unit' = 'conjunction',
): string {
  try {
    return new Intl.ListFormat(locale, { type, style: type === 'unit' ? 'short' : 'long' }).format(items);
  } catch {
    return new Intl.ListFormat('en', { type }).format(items);
  }
}

/** A tel: link target from a displayed phone number. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}
