import type { Resource } from '../resource.js';
import type { GroupRow } from './repository.js';

/**
 * An organization's patients as a FHIR Group (what `Group/[id]/$export` starts from). The group's
 * id is the organization's; members are not listed (thousands of references): export the group.
 */
export function organizationGroup(row: GroupRow, baseUrl: string): Resource {
  return {
    resourceType: 'Group',
    id: row.id,
    meta: { lastUpdated: row.created_at.toISOString() },
    identifier: [{ system: `${baseUrl}/fhir/R4/Group`, value: row.slug }],
    active: true,
    type: 'person',
    actual: true,
    name: `${row.name} patients`,
    quantity: Number(row.patients ?? 0),
    managingEntity: { reference: `Organization/${row.id}`, display: row.name },
  };
}
