/** Mirrors PASSWORD_MIN_LENGTH in @portico/contracts (kept here so TypeBox isn't bundled). */
export const PASSWORD_MIN_LENGTH = 12;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

export function isUuid(value: string): boolean {
  return UUID.test(value.trim());
}

/** A real calendar date (YYYY-MM-DD) that is not in the future. */
export function isPastDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  if (!Number.isFinite(time)) return false;
  const roundTrip = new Date(time).toISOString().slice(0, 10);
  return roundTrip === value && time <= Date.now() && value >= '1900-01-01';
}

export function isLongEnoughPassword(value: string): boolean {
  return value.length >= PASSWORD_MIN_LENGTH;
}

/** Normalises a server field path ("/body/email", "body.email", "email") to its last name. */
export function normalizeFieldPath(path: string): string {
  const parts = path.split(/[/.]/).filter((part) => part !== '' && part !== 'body');
  return parts[parts.length - 1] ?? '';
}
