import type { HoursKind, OpeningHours } from '@portico/contracts';
import { notFound } from '../../lib/errors.js';
import type { OrganizationService } from '../organizations/index.js';
import { hhmm, openStatus } from './hours.js';
import type { HoursRepository } from './hours-repository.js';

/** Opening hours of the registration center and the tech-help line, per organization. Public. */
export class HoursService {
  constructor(
    private readonly repo: HoursRepository,
    private readonly organizations: OrganizationService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async get(organizationId: string, kind: HoursKind): Promise<OpeningHours> {
    const org = await this.organizations.get(organizationId);
    if (!org) throw notFound('This organization');
    const intervals = (await this.repo.forOrganization(org.id, kind)).map((r) => ({
      weekday: r.weekday,
      opens: hhmm(r.opens),
      closes: hhmm(r.closes),
    }));
    const status = openStatus(intervals, org.timeZone, this.clock());
    return {
      organizationId: org.id,
      kind,
      timeZone: org.timeZone,
      intervals,
      openNow: status.openNow,
      closesAt: status.closesAt?.toISOString() ?? null,
      nextOpensAt: status.nextOpensAt?.toISOString() ?? null,
    };
  }

  /** Sets one kind of weekly hours (demo data, tests; an admin page can come later). */
  set(organizationId: string, kind: HoursKind, intervals: { weekday: number; opens: string; closes: string }[]) {
    return this.repo.replace(organizationId, kind, intervals);
  }
}
