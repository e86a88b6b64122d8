import { Type, type Static } from 'typebox';
import { Uuid } from './common.js';

export const Organization = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  techHelpPhone: Type.String(),
  techHelpEmail: Type.String(),
  billingPhone: Type.String(),
});
export type Organization = Static<typeof Organization>;

export const OrganizationList = Type.Object({ organizations: Type.Array(Organization) });
export type OrganizationList = Static<typeof OrganizationList>;
