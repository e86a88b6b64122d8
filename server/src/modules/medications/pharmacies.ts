import type { Pharmacy, PharmacyBody, PharmacyList } from '@portico/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { patientForArea, type AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import type { AuditService } from '../audit/index.js';
import { toPharmacy } from './dto.js';
import { readPharmacy } from './pharmacy-input.js';
import type { PharmacyRepository } from './pharmacy-repository.js';
import { invalid } from './problems.js';

export const MAX_PHARMACIES = 20;

/**
 * The patient's saved pharmacies (part of the "medications" area for proxies). One may be
 * preferred; a removed one is hidden but kept for the refill requests that name it.
 */
export class PharmacyService {
  constructor(
    private readonly repo: PharmacyRepository,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private patientId(caller: AuthenticatedCaller): string {
    if (caller.role !== 'patient' && caller.role !== 'proxy') throw forbidden();
    return patientForArea(caller, 'medications');
  }

  async list(caller: AuthenticatedCaller): Promise<PharmacyList> {
    const patientId = this.patientId(caller);
    const rows = await this.repo.forPatient(patientId);
    await this.audit.record(caller, {
      action: 'pharmacy.list',
      entityType: 'Pharmacy',
      patientId,
      outcome: 'allowed',
      detail: { results: rows.length },
    });
    return { pharmacies: rows.map(toPharmacy) };
  }

  async create(caller: AuthenticatedCaller, body: PharmacyBody): Promise<Pharmacy> {
    const patientId = this.patientId(caller);
    const read = readPharmacy(body);
    if ('problems' in read) throw invalid(read.problems);
    if ((await this.repo.count(patientId)) >= MAX_PHARMACIES) {
      throw invalid([], `You can save up to ${MAX_PHARMACIES} pharmacies. Remove one you no longer use first.`);
    }
    const id = await this.write(() =>
      this.repo.transaction(async (repo, trx) => {
        const newId = await repo.insert(patientId, read.data);
        await this.recordChange(caller, 'pharmacy.create', newId, patientId, trx);
        return newId;
      }),
    );
    return this.one(id, patientId);
  }

  async update(caller: AuthenticatedCaller, id: string, body: PharmacyBody): Promise<Pharmacy> {
    const patientId = this.patientId(caller);
    await this.mustFind(caller, id, patientId, 'pharmacy.update');
    const read = readPharmacy(body);
    if ('problems' in read) throw invalid(read.problems);
    await this.write(() =>
      this.repo.transaction(async (repo, trx) => {
        await repo.update(id, patientId, read.data);
        await this.recordChange(caller, 'pharmacy.update', id, patientId, trx);
      }),
    );
    return this.one(id, patientId);
  }

  async remove(caller: AuthenticatedCaller, id: string): Promise<void> {
    const patientId = this.patientId(caller);
    await this.mustFind(caller, id, patientId, 'pharmacy.remove');
    await this.repo.transaction(async (repo, trx) => {
      await repo.remove(id, patientId, this.clock());
      await this.recordChange(caller, 'pharmacy.remove', id, patientId, trx);
    });
  }

  /** Audits a change inside its transaction `trx`, the last write: both commit or neither (decision 0027). */
  private async recordChange(
    caller: AuthenticatedCaller,
    action: string,
    id: string,
    patientId: string,
    trx: Kysely<Database>,
  ): Promise<void> {
    await this.audit.record(
      caller,
      { action, entityType: 'Pharmacy', entityId: id, patientId, outcome: 'allowed' },
      trx,
    );
  }

  private async mustFind(caller: AuthenticatedCaller, id: string, patientId: string, action: string): Promise<void> {
    if (await this.repo.find(id, patientId)) return;
    await this.audit.record(caller, { action, entityType: 'Pharmacy', entityId: id, outcome: 'denied' });
    throw notFound('This pharmacy');
  }

  private async one(id: string, patientId: string): Promise<Pharmacy> {
    const row = await this.repo.find(id, patientId);
    if (!row) throw notFound('This pharmacy');
    return toPharmacy(row);
  }

  /** Two "make this my preferred pharmacy" at once: one wins, the other is told to try again. */
  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err))
        throw new AppError('conflict', 409, 'Your pharmacies just changed. Reload and try again.');
      throw err;
    }
  }
}
