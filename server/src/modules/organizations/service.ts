import type { Organization } from '@portico/contracts';
import type { OrganizationRepository, OrganizationRow } from './repository.js';

/** Organizations of the health system and their public contact settings. */
export class OrganizationService {
  constructor(private readonly repo: OrganizationRepository) {}

  async list(): Promise<Organization[]> {
    return (await this.repo.list()).map(toDto);
  }

  async get(id: string): Promise<Organization | null> {
    const row = await this.repo.get(id);
    return row ? toDto(row) : null;
  }

  /** The first organization, used when a self sign-up does not choose one. */
  async defaultId(): Promise<string | null> {
    return (await this.repo.list())[0]?.id ?? null;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.repo.count()) === 0;
  }
}

function toDto(r: OrganizationRow): Organization {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    timeZone: r.time_zone,
    techHelpPhone: r.tech_help_phone,
    techHelpEmail: r.tech_help_email,
    billingPhone: r.billing_phone,
  };
}
