import type { Translator } from '../../lib/i18n.js';
import type { RecordReader, Resource } from '../fhir/index.js';

/**
 * The human-readable summary of a record (docs/decisions/0043), drawn from the same FHIR resources
 * as the download's Bundle so the two never disagree. Words come from the server catalogs in the
 * patient's language; clinical names (tests, medicines) stay as the record holds them.
 */
export interface RecordSummary {
  title: string;
  organizationName: string;
  heading: string[];
  notice: string;
  sections: SummarySection[];
  closing: string;
}

export interface SummarySection {
  title: string;
  /** One entry per item: its first line is the item, the rest details. */
  items: string[][];
  /** What to say when there is nothing. */
  empty: string;
  /** Items the summary leaves out (in the FHIR file). */
  more: number;
}

/** How many items of a kind the summary lists; the FHIR file has them all. */
export const LIMITS = { results: 15, visits: 20, list: 100 } as const;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const text = (concept: unknown): string | null => {
  const c = obj(concept);
  return str(c['text']) ?? str(obj(arr(c['coding'])[0])['display']);
};

/** Builds the summary: the reads are bounded (the newest results and visits), whatever the record's size. */
export async function summarize(reader: RecordReader, tr: Translator): Promise<RecordSummary> {
  const p = reader.patient;
  const zone = reader.organization?.time_zone ?? 'America/New_York';
  const day = (iso: unknown) => (typeof iso === 'string' ? tr.date(new Date(iso), zone) : '');
  const when = (iso: unknown) => (typeof iso === 'string' ? tr.dateTime(new Date(iso), zone) : '');
  const orgName = reader.organization?.name ?? '';

  const heading = [
    `${p.given_name} ${p.family_name}${p.preferred_name && p.preferred_name !== p.given_name ? ` (${p.preferred_name})` : ''}`,
    tr.t('record.mrn', { mrn: p.mrn }),
    tr.t('record.born', { date: tr.date(new Date(`${String(p.birth_date).slice(0, 10)}T12:00:00Z`), 'UTC') }),
  ];
  const sections: SummarySection[] = [];
  const [patients, conditions, meds, allergies, reports, appointments, immunizations] = await Promise.all([
    reader.first('Patient', 1),
    reader.first('Condition', LIMITS.list + 1),
    reader.first('MedicationRequest', LIMITS.list + 1),
    reader.first('AllergyIntolerance', LIMITS.list + 1),
    reader.first('DiagnosticReport', LIMITS.results + 1),
    reader.first('Appointment', 10_000),
    reader.first('Immunization', LIMITS.list + 1),
  ]);

  const patient = patients[0];
  if (patient) sections.push(section(tr.t('record.section.about'), aboutYou(patient, tr), tr.t('record.none.about')));
  sections.push(
    section(
      tr.t('record.section.problems'),
      conditions.map((c) => [text(c['code']) ?? '—', ...since(c['onsetDateTime'], day, tr)]),
      tr.t('record.none.problems'),
    ),
  );
  if (reader.types.includes('MedicationRequest')) {
    sections.push(
      section(
        tr.t('record.section.medications'),
        meds.map((m) => medicationItem(m, tr, day)),
        tr.t('record.none.medications'),
      ),
    );
  }
  sections.push(
    section(
      tr.t('record.section.allergies'),
      allergies.map((a) => [
        text(a['code']) ?? '—',
        ...arr(a['reaction']).flatMap((r) =>
          arr(obj(r)['manifestation'])
            .map(text)
            .filter((x): x is string => x !== null),
        ),
      ]),
      tr.t('record.none.allergies'),
    ),
  );
  if (reader.types.includes('DiagnosticReport')) {
    // The values of the reports listed, in one query (not the newest observations, which may be vital signs).
    const ids = reports.flatMap((r) =>
      arr(r['result']).map((x) => String(obj(x)['reference'] ?? '').split('/')[1] ?? ''),
    );
    const byId = new Map((await reader.byIds('Observation', ids)).map((o) => [o.id, o]));
    sections.push(
      section(
        tr.t('record.section.results'),
        reports.map((r) => reportItem(r, byId, tr, day)),
        tr.t('record.none.results'),
        LIMITS.results,
      ),
    );
  }
  if (reader.types.includes('Appointment')) {
    const now = reader.now.getTime();
    const start = (a: Resource) => new Date(String(a['start'])).getTime();
    const upcoming = appointments
      .filter((a) => start(a) >= now && a['status'] !== 'cancelled')
      .sort((a, b) => start(a) - start(b));
    const past = appointments.filter((a) => start(a) < now).sort((a, b) => start(b) - start(a));
    const visit = (a: Resource) => visitItem(a, tr, when);
    sections.push(
      section(tr.t('record.section.upcoming'), upcoming.map(visit), tr.t('record.none.upcoming'), LIMITS.visits),
    );
    sections.push(section(tr.t('record.section.past'), past.map(visit), tr.t('record.none.past'), LIMITS.visits));
  }
  sections.push(
    section(
      tr.t('record.section.immunizations'),
      immunizations.map((i) => [text(i['vaccineCode']) ?? '—', ...since(i['occurrenceDateTime'], day, tr)]),
      tr.t('record.none.immunizations'),
    ),
  );
  return {
    title: tr.t('record.title'),
    organizationName: orgName,
    heading: [...heading, tr.t('record.prepared', { date: tr.dateTime(reader.now, zone) })],
    notice: tr.t('record.private'),
    sections,
    closing: tr.t('record.fhirNote'),
  };
}

function section(title: string, items: string[][], empty: string, limit: number = LIMITS.list): SummarySection {
  return { title, items: items.slice(0, limit), empty, more: Math.max(0, items.length - limit) };
}

function since(iso: unknown, day: (iso: unknown) => string, tr: Translator): string[] {
  return typeof iso === 'string' ? [tr.t('record.since', { date: day(iso) })] : [];
}

function aboutYou(patient: Resource, tr: Translator): string[][] {
  const lines: string[][] = [];
  for (const t of arr(patient['telecom'])) {
    const value = str(obj(t)['value']);
    if (!value) continue;
    lines.push([
      obj(t)['system'] === 'email' ? tr.t('record.email', { email: value }) : tr.t('record.phone', { phone: value }),
    ]);
  }
  const address = obj(arr(patient['address'])[0]);
  if (Object.keys(address).length > 0) {
    const parts = [
      ...arr(address['line']).map(str),
      [str(address['city']), [str(address['state']), str(address['postalCode'])].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', '),
      str(address['country']),
    ].filter((x): x is string => Boolean(x));
    lines.push([tr.t('record.address', { address: parts.join(', ') })]);
  }
  return lines;
}

// ICU select keys are identifiers: FHIR's hyphenated codes lose the hyphen.
const selectKey = (code: string) => code.replace(/-/g, '');
const MED_STATUS = new Set(['active', 'onhold', 'completed', 'stopped', 'cancelled']);

function medicationItem(m: Resource, tr: Translator, day: (iso: unknown) => string): string[] {
  const name = str(obj(m['medicationReference'])['display']) ?? text(m['medicationCodeableConcept']) ?? '—';
  const status = selectKey(String(m['status']));
  const directions = str(obj(arr(m['dosageInstruction'])[0])['text']);
  return [
    name,
    tr.t('record.medicationStatus', { status: MED_STATUS.has(status) ? status : 'other' }),
    ...(directions ? [tr.t('record.directions', { directions })] : []),
    ...(typeof m['authoredOn'] === 'string'
      ? [tr.t('record.prescribed', { date: day(`${m['authoredOn']}T12:00:00Z`) })]
      : []),
  ];
}

function valueOf(o: Resource): string | null {
  const q = obj(o['valueQuantity']);
  if (typeof q['value'] === 'number') return `${q['value']} ${str(q['unit']) ?? ''}`.trim();
  return str(o['valueString']) ?? text(o['valueCodeableConcept']);
}

const FLAGS = new Set(['H', 'L', 'HH', 'LL', 'A', 'AA']);

function reportItem(
  r: Resource,
  observations: Map<string, Resource>,
  tr: Translator,
  day: (iso: unknown) => string,
): string[] {
  const lines = [`${text(r['code']) ?? '—'} (${day(r['effectiveDateTime'])})`];
  for (const ref of arr(r['result'])) {
    const id = String(obj(ref)['reference'] ?? '').split('/')[1] ?? '';
    const o = observations.get(id);
    if (!o) continue;
    const value = valueOf(o);
    if (value === null) continue;
    const code = String(obj(arr(obj(arr(o['interpretation'])[0])['coding'])[0])['code'] ?? '');
    const range = str(obj(arr(o['referenceRange'])[0])['text']);
    lines.push(
      [
        tr.t('record.result', { name: text(o['code']) ?? '—', value }),
        range ? tr.t('record.range', { range }) : null,
        FLAGS.has(code) ? tr.t('record.flag', { flag: code }) : null,
      ]
        .filter(Boolean)
        .join(' · '),
    );
  }
  const conclusion = str(r['conclusion']);
  if (conclusion) lines.push(conclusion);
  return lines;
}

const VISIT_STATUS = new Set([
  'booked',
  'fulfilled',
  'cancelled',
  'noshow',
  'arrived',
  'checked-in',
  'pending',
  'proposed',
]);

function visitItem(a: Resource, tr: Translator, when: (iso: unknown) => string): string[] {
  const clinician = arr(a['participant'])
    .map((p) => obj(obj(p)['actor']))
    .find((actor) => String(actor['reference'] ?? '').startsWith('Practitioner/'));
  const who = str(clinician?.['display']);
  const status = selectKey(String(a['status']));
  const kind = text(a['appointmentType']);
  const reason = text(arr(a['reasonCode'])[0]);
  return [
    when(a['start']),
    [who, kind].filter(Boolean).join(' · ') || '—',
    tr.t('record.visitStatus', { status: VISIT_STATUS.has(status) ? status : 'other' }),
    ...(reason ? [tr.t('record.reason', { reason })] : []),
  ];
}
