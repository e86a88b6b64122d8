/** Booking benchmark set-up (not measured): bench patients in the database, signed in over HTTP, and the clinicians they can book. */
import { randomUUID } from 'node:crypto';
import type { ClinicianDetail, DirectoryResult, SessionInfo, SlotList } from '@portico/contracts';
import type { DatabaseHandle } from '../server/src/db/client.js';
import { hashPassword } from '../server/src/modules/identity/service.js';

export const PASSWORD = 'Bench-booking-2026';

// ---------------------------------------------------------------- database

/** Bench patients with sign-in accounts (all in Harbor General), inserted in bulk as the integration tests' fixtures do. */
export async function createPatients(
  database: DatabaseHandle,
  count: number,
): Promise<{ userIds: string[]; emails: string[] }> {
  const db = database.db;
  const org = await db
    .selectFrom('organizations')
    .select('id')
    .where('slug', '=', 'harbor-general')
    .executeTakeFirstOrThrow();
  const passwordHash = await hashPassword(PASSWORD);
  const run = randomUUID().slice(0, 8);
  const emails = Array.from({ length: count }, (_, i) => `bench.${run}.${i}@bench.example`);
  const users = await db
    .insertInto('users')
    .values(
      emails.map((email, i) => ({
        email,
        role: 'patient' as const,
        given_name: 'Bench',
        family_name: `Patient ${i}`,
        organization_id: org.id,
        password_hash: passwordHash,
        email_verified_at: new Date(),
      })),
    )
    .returning(['id', 'email'])
    .execute();
  await db
    .insertInto('patients')
    .values(
      users.map((u, i) => ({
        organization_id: org.id,
        user_id: u.id,
        given_name: 'Bench',
        family_name: `Patient ${i}`,
        birth_date: '1970-01-01',
        email: u.email,
      })),
    )
    .execute();
  return { userIds: users.map((u) => u.id), emails: users.map((u) => u.email) };
}

// ---------------------------------------------------------------- HTTP setup (not measured)

export async function getJson<T>(url: string, init?: RequestInit): Promise<{ json: T; res: Response }> {
  let res = await fetch(url, init);
  // Set-up is not measured: when a busy machine makes the server shed load, wait as it asks and try again.
  for (let tries = 0; res.status === 503 && tries < 20; tries++) {
    const wait = Number(res.headers.get('retry-after') ?? '1') || 1;
    await res.text();
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    res = await fetch(url, init);
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${text}`);
  return { json: JSON.parse(text) as T, res };
}

/** Signs each patient in through POST /api/auth/login, a few at a time (argon2 is deliberately slow). */
export async function signInAll(origin: string, emails: string[]): Promise<Record<string, string>[]> {
  const headers: Record<string, string>[] = new Array<Record<string, string>>(emails.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < emails.length; i = next++) {
      const { json, res } = await getJson<SessionInfo>(`${origin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: emails[i], password: PASSWORD }),
      });
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0] ?? '')
        .find((c) => c.startsWith('portico_session='));
      if (!cookie) throw new Error(`sign-in as ${emails[i]} set no session cookie`);
      headers[i] = { cookie, 'x-csrf-token': json.csrfToken };
    }
  };
  await Promise.all(Array.from({ length: 4 }, lane));
  return headers;
}

export interface Bookable {
  clinicianId: string;
  organizationId: string;
  name: string;
  visitTypeId: string;
  timeZone: string;
  /** Open follow-up video slots over the next 31 days, as the public API lists them. */
  slots: { start: number; end: number }[];
}

/** Self-scheduling clinicians with a follow-up video visit, and their open times, through the public API. */
export async function bookableClinicians(origin: string): Promise<Bookable[]> {
  const cards: DirectoryResult['clinicians'] = [];
  for (let page = 1; ; page++) {
    const { json } = await getJson<DirectoryResult>(
      `${origin}/api/directory/clinicians?sort=name&pageSize=50&page=${page}`,
    );
    cards.push(...json.clinicians);
    if (page * json.pageSize >= json.total) break;
  }
  const out: Bookable[] = [];
  for (const card of cards.filter((c) => c.selfScheduling)) {
    const { json: detail } = await getJson<ClinicianDetail>(`${origin}/api/directory/clinicians/${card.id}`);
    const type = detail.visitTypes.find((t) => t.mode === 'video' && !t.newPatient);
    if (!type) continue;
    const { json: list } = await getJson<SlotList>(
      `${origin}/api/directory/clinicians/${card.id}/slots?visitTypeId=${type.id}&days=31`,
    );
    out.push({
      clinicianId: card.id,
      organizationId: card.organizationId,
      name: `${card.givenName} ${card.familyName}`,
      visitTypeId: type.id,
      timeZone: list.timeZone,
      slots: list.slots.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) })),
    });
  }
  return out;
}
