import { createHash, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { FilesConfig } from '../config.js';
import type { Database } from '../db/schema.js';
import type { DocumentCategoryValue, SecondOpinionEventsTable } from '../db/tables/opinions.js';
import { FileStore, makeDicom } from '../modules/files/index.js';
import { checkContent, HEAD_BYTES, type CheckedContent } from '../modules/opinions/index.js';

const DAY = 86_400_000;

/** A one-page PDF with real structure (catalog, page, font, text, cross-reference table), made up for the demo. */
export function demoPdf(lines: string[]): Buffer {
  const text = lines
    .map((line, i) => `BT /F1 12 Tf 72 ${720 - i * 18} Td (${line.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

interface StoredFile {
  id: string;
  wrapped: string;
  sha256: string;
  size: number;
  checked: CheckedContent;
}

/**
 * Stores bytes exactly as an upload is stored: encrypted in records under a fresh per-file key,
 * read back and checked by content (so the DICOM header is parsed as for a real upload), then
 * moved to the finished files. Downloads then go through the ordinary document route.
 */
async function storeFile(store: FileStore, bytes: Buffer, filename: string): Promise<StoredFile> {
  const id = randomUUID();
  const wrapped = store.newKey();
  const appender = await store.appender(id, wrapped, { plainBytes: 0, storedBytes: 0, records: 0 });
  try {
    await appender.write(bytes);
  } finally {
    await appender.close();
  }
  try {
    const head = await store.partHead(id, wrapped, HEAD_BYTES);
    const checked = checkContent(head, bytes.length, filename, store.config);
    await store.promote(id);
    return { id, wrapped, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, checked };
  } catch (err) {
    await store.discardPart(id);
    throw err;
  }
}

const DEMO_FILES: { filename: string; category: DocumentCategoryValue; bytes: () => Buffer }[] = [
  {
    filename: 'echo-report-2026-02.pdf',
    category: 'records',
    bytes: () =>
      demoPdf([
        'Harbor Valley Cardiology (fictional) - DEMO RECORD, NOT A REAL PATIENT',
        'Transthoracic echocardiogram report',
        'Moderate aortic stenosis; mean gradient 28 mmHg; LVEF 60%.',
        'Recommendation: cardiology follow-up; discuss timing of valve replacement.',
      ]),
  },
  {
    filename: 'cardiac-ct.dcm',
    category: 'imaging',
    bytes: () => makeDicom({ studyDate: '20260214', modality: 'CT', studyDescription: 'CT CARDIAC CALCIUM SCORE' }),
  },
];

/**
 * Eleanor's second opinion: a Cardiology request under review with a cardiologist of her hospital
 * assigned, an echo report (PDF) and a synthetic CT study (DICOM) stored through the real
 * encrypted file store, so both download. Added once; a no-op when she already has a request.
 */
export function ensureDemoOpinions(db: Kysely<Database>, files: FilesConfig, now = new Date()): Promise<void> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(72400018)`.execute(trx);
    const eleanor = await trx
      .selectFrom('patients as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['p.id', 'p.organization_id', 'u.id as user_id'])
      .where('u.email', '=', 'patient@example.org')
      .executeTakeFirst();
    if (!eleanor) return;
    const existing = await trx
      .selectFrom('second_opinion_requests')
      .select('id')
      .where('patient_id', '=', eleanor.id)
      .executeTakeFirst();
    if (existing) return;
    const line = await trx.selectFrom('service_lines').select('code').where('code', '=', 'cardiac').executeTakeFirst();
    if (!line) return;
    const specialist = await trx
      .selectFrom('clinicians')
      .select(['id', 'given_name', 'family_name'])
      .where('organization_id', '=', eleanor.organization_id)
      .where('service_line_code', '=', 'cardiac')
      .orderBy(sql`specialty = 'Cardiology'`, 'desc')
      .orderBy('family_name')
      .executeTakeFirst();
    const staff = await trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'staff@example.org')
      .executeTakeFirst();

    const store = new FileStore(files);
    const stored: (StoredFile & { filename: string; category: DocumentCategoryValue })[] = [];
    try {
      for (const f of DEMO_FILES) stored.push({ ...(await storeFile(store, f.bytes(), f.filename)), ...f });
      const at = (days: number, minutes = 0) => new Date(now.getTime() - days * DAY + minutes * 60_000);
      const request = await trx
        .insertInto('second_opinion_requests')
        .values({
          organization_id: eleanor.organization_id,
          patient_id: eleanor.id,
          created_by: eleanor.user_id,
          status: 'under_review',
          service_line_code: 'cardiac',
          condition: 'Moderate aortic stenosis',
          question: 'My cardiologist suggests valve replacement next year. Is waiting safe, and would a TAVR suit me?',
          physician_name: 'Dr. Samuel Okafor',
          physician_institution: 'Harbor Valley Cardiology',
          physician_phone: '+1 617 555 0142',
          insurance: 'Harbor Health Plan',
          visit_preference: 'video',
          has_imaging: true,
          has_labs: false,
          specialist_id: specialist?.id ?? null,
          created_at: at(6),
          updated_at: at(4),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const careTeam = { actor_kind: 'care_team', actor_user_id: staff?.id ?? null } as const;
      const events: Insertable<SecondOpinionEventsTable>[] = [
        {
          request_id: request.id,
          at: at(6),
          actor_kind: 'patient',
          actor_user_id: eleanor.user_id,
          kind: 'created',
          status: 'submitted',
        },
        ...stored.map((f, i): Insertable<SecondOpinionEventsTable> => ({
          request_id: request.id,
          at: at(6, 5 + i),
          actor_kind: 'patient',
          actor_user_id: eleanor.user_id,
          kind: 'document_added',
          note: f.checked.contentType === 'application/dicom' ? 'imaging' : f.category,
        })),
      ];
      if (specialist) {
        const note = `${specialist.given_name} ${specialist.family_name}`;
        events.push({ request_id: request.id, at: at(4), ...careTeam, kind: 'assigned', note });
      }
      events.push({ request_id: request.id, at: at(4, 1), ...careTeam, kind: 'status', status: 'under_review' });
      await trx.insertInto('second_opinion_events').values(events).execute();
      await trx
        .insertInto('document_references')
        .values(
          stored.map((f, i) => ({
            id: f.id,
            organization_id: eleanor.organization_id,
            patient_id: eleanor.id,
            request_id: request.id,
            need_id: null,
            category: f.checked.contentType === 'application/dicom' ? 'imaging' : f.category,
            content_type: f.checked.contentType,
            filename: f.filename,
            size_bytes: f.size,
            sha256: f.sha256,
            wrapped_key: f.wrapped,
            dicom_study_date: f.checked.dicom?.studyDate ?? null,
            dicom_modality: f.checked.dicom?.modality ?? null,
            dicom_study_description: f.checked.dicom?.studyDescription ?? null,
            uploaded_by: eleanor.user_id,
            uploaded_by_kind: 'patient',
            link_id: null,
            created_at: at(6, 5 + i),
          })),
        )
        .execute();
    } catch (err) {
      // Nothing half-made stays behind: the transaction rolls back, and the stored files go too.
      await Promise.all(stored.map((f) => rm(store.objectPath(f.id), { force: true })));
      throw err;
    }
  });
}
