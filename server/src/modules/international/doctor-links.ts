import { randomUUID } from 'node:crypto';
import type { DoctorCase, DoctorLink, DoctorLinkBody } from '@portico/contracts';
import { anonymousCaller, type AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound, validation } from '../../lib/errors.js';
import { sniffType, cleanFilename } from '../../lib/sniff.js';
import type { CapabilityLinks } from '../../lib/capability-links.js';
import type { InternationalRepository } from './repository.js';
import { replyView, type InternationalService } from './service.js';

/** A letter from the home-country doctor may carry one PDF of at most this size. */
export const MAX_LETTER_BYTES = 5 * 1024 * 1024;

/** "The PDF must be 5 MB or smaller.", from the real limit, on the `files` field. */
export function letterTooLarge(): AppError {
  const message = `The PDF must be ${MAX_LETTER_BYTES / 1024 / 1024} MB or smaller.`;
  return new AppError('attachment_too_large', 413, message, [{ field: 'files', message }]);
}

const invalid = () =>
  new AppError(
    'doctor_link_invalid',
    404,
    'This link does not work (it may have expired or been withdrawn). Ask the international patient center for a new one.',
  );

/**
 * Links for a patient's home-country doctor: 128-bit random, only the hash stored, one case each,
 * expiring and revocable by staff. A link used for any other case is a 404, like a wrong link.
 */
export class DoctorLinkService {
  constructor(
    private readonly repo: InternationalRepository,
    private readonly requests: InternationalService,
    private readonly links: CapabilityLinks,
    private readonly publicUrl: string,
  ) {}

  async create(caller: AuthenticatedCaller, requestId: string, body: DoctorLinkBody): Promise<DoctorLink> {
    const row = await this.requests.access(caller, requestId);
    if (caller.role !== 'staff' && caller.role !== 'admin') throw notFound('This request');
    const { token, tokenHash } = this.links.issue();
    // The link and its audit row commit together (decision 0027).
    const link = await this.repo.transaction(async (repo, trx) => {
      const made = await repo.insertLink({
        requestId,
        tokenHash,
        doctorName: body.doctorName.trim(),
        expiresAt: this.links.expiresIn(body.expiresInDays),
        createdBy: caller.userId,
      });
      await this.links.record(
        caller,
        {
          action: 'international.doctor_link_create',
          entityId: requestId,
          patientId: row.patient_id,
          outcome: 'allowed',
          detail: { days: body.expiresInDays },
        },
        trx,
      );
      return made;
    });
    return {
      id: link.id,
      doctorName: link.doctor_name,
      expiresAt: link.expires_at.toISOString(),
      revokedAt: null,
      // The token rides in the fragment, so it never reaches server logs or Referer headers.
      link: `${this.publicUrl}/international/doctor/${requestId}#${token}`,
    };
  }

  async revoke(caller: AuthenticatedCaller, requestId: string, linkId: string): Promise<void> {
    const row = await this.requests.access(caller, requestId);
    if (caller.role !== 'staff' && caller.role !== 'admin') throw notFound('This request');
    await this.repo.transaction(async (_repo, trx) => {
      if (!(await this.links.revoke(requestId, linkId, trx))) throw notFound('This link');
      await this.links.record(
        caller,
        {
          action: 'international.doctor_link_revoke',
          entityId: requestId,
          patientId: row.patient_id,
          outcome: 'allowed',
        },
        trx,
      );
    });
  }

  /** The doctor reads this case's shared letters and their own. */
  async view(token: string, requestId: string, ip: string, requestIdLog: string): Promise<DoctorCase> {
    const { link, row } = await this.open(token, requestId, ip, requestIdLog, 'international.doctor_view');
    const letters = await this.repo.replies(requestId, true);
    return { doctorName: link.doctor_name, kind: row.kind, summary: row.summary, letters: letters.map(replyView) };
  }

  /** The doctor sends a letter, optionally with one PDF (checked by its bytes, not its name). */
  async send(
    token: string,
    requestId: string,
    body: string,
    files: { filename: string; data: Buffer }[],
    ip: string,
    requestIdLog: string,
  ): Promise<DoctorCase> {
    if (files.length > 1) throw validation([{ field: 'files', message: 'Attach one PDF at most.' }]);
    const file = files[0];
    if (file) {
      if (file.data.length === 0 || file.data.length > MAX_LETTER_BYTES) {
        throw letterTooLarge();
      }
      if (sniffType(file.data) !== 'application/pdf') {
        const message = 'Only PDF files can be sent here.';
        throw new AppError('attachment_type_not_allowed', 415, message, [{ field: 'files', message }]);
      }
    }
    const text = body.trim();
    if (!text) throw validation([{ field: 'body', message: 'Write your letter.' }]);
    await this.open(token, requestId, ip, requestIdLog, 'international.doctor_letter');
    // The PDF is sealed in the file store first; if the row is not written, the sealed file goes too.
    const fileId = randomUUID();
    const sealed = file
      ? {
          id: fileId,
          filename: cleanFilename(file.filename),
          sizeBytes: file.data.length,
          wrappedKey: await this.requests.files.put(fileId, file.data),
        }
      : null;
    try {
      await this.repo.insertReply({
        requestId,
        author: 'doctor',
        authorUserId: null,
        body: text,
        sharedWithDoctor: true,
        ...(sealed ? { file: sealed } : {}),
      });
    } catch (err) {
      if (sealed) await this.requests.files.remove(sealed.id).catch(() => undefined);
      throw err;
    }
    return this.view(token, requestId, ip, requestIdLog);
  }

  /** A file of a letter the doctor may see. */
  async file(token: string, requestId: string, replyId: string, ip: string, requestIdLog: string) {
    await this.open(token, requestId, ip, requestIdLog, 'international.doctor_file');
    const f = await this.repo.replyFile(requestId, replyId);
    if (!f?.filename || (f.author !== 'doctor' && !f.shared_with_doctor)) throw notFound('This file');
    return { filename: f.filename, data: await this.requests.letterBytes(f) };
  }

  private async open(token: string, requestId: string, ip: string, requestIdLog: string, action: string) {
    const caller = anonymousCaller(ip, requestIdLog);
    const opened = await this.links.open(token, requestId);
    const link = opened.state === 'open' ? await this.repo.link(requestId, opened.link.id) : undefined;
    const row = link ? await this.repo.request(requestId) : undefined;
    await this.links.record(caller, {
      action,
      entityId: requestId,
      patientId: row?.patient_id ?? null,
      outcome: row ? 'allowed' : 'denied',
    });
    if (!link || !row) throw invalid();
    return { link, row };
  }
}
