import type { QueueList, QueueQuery } from '@portico/contracts';
import { DateTime } from 'luxon';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { forbidden } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import { mayAdmit, viewerFor } from './access.js';
import type { VisitRepository } from './repository.js';
import { queueEntry } from './views.js';

/** The care team's day of visits: a read beside the visit's lifecycle (service.ts), which it never changes. */
export class DayQueue {
  constructor(
    private readonly repo: VisitRepository,
    private readonly audit: AuditService,
  ) {}

  /** The clinician's (or the organization's) day: each visit's live state and check-in answers. */
  async list(caller: AuthenticatedCaller, query: QueueQuery): Promise<QueueList> {
    if (caller.role !== 'clinician' && caller.role !== 'staff' && caller.role !== 'admin') throw forbidden();
    const zone = await this.repo.organizationZone(caller.organizationId);
    const day = query.date ? DateTime.fromISO(query.date, { zone }) : DateTime.now().setZone(zone).startOf('day');
    const clinicianId =
      query.clinicianId ?? (caller.role === 'clinician' ? await this.repo.clinicianIdOfUser(caller.userId) : undefined);
    const rows = await this.repo.day({
      organizationId: caller.role === 'admin' ? null : caller.organizationId,
      ...(clinicianId ? { clinicianId } : {}),
      from: day.toJSDate(),
      to: day.plus({ days: 1 }).toJSDate(),
    });
    const checkIns = await this.repo.checkIns(rows.map((r) => r.encounter_id));
    await this.audit.record(caller, {
      action: 'visit.queue',
      entityType: 'encounter',
      outcome: 'allowed',
      detail: { visits: rows.length },
    });
    const now = new Date();
    return {
      timeZone: zone,
      date: day.toISODate() ?? '',
      visits: rows.map((r) => queueEntry(r, checkIns.get(r.encounter_id), now, mayAdmit(viewerFor(caller, r, '')))),
    };
  }
}
