import { Type, type Static } from 'typebox';
import { Role, Uuid } from './common.js';

/** One workforce account that has not set up a second factor yet. */
export const MfaUnenrolledPerson = Type.Object({
  id: Uuid,
  displayName: Type.String(),
  email: Type.String(),
});
export type MfaUnenrolledPerson = Static<typeof MfaUnenrolledPerson>;

/** How far one role of an organization is with second factors. */
export const MfaRoleEnrollment = Type.Object({
  role: Role,
  /** Active (not disabled) accounts of this role in the organization. */
  people: Type.Integer({ minimum: 0 }),
  /** Of those, how many have neither an authenticator app nor a passkey. */
  notEnrolled: Type.Integer({ minimum: 0 }),
  /**
   * The first of them by name (at most MFA_POLICY_NAMES_SHOWN), for clinicians, staff and admins
   * only: patients' and proxies' names are not shown here, their count is enough to decide.
   */
  notEnrolledPeople: Type.Array(MfaUnenrolledPerson),
});
export type MfaRoleEnrollment = Static<typeof MfaRoleEnrollment>;

/** How many names of unenrolled people each role lists at most. */
export const MFA_POLICY_NAMES_SHOWN = 50;

/** The second-factor policy of one organization (issue 13), as its administrators see it. */
export const MfaPolicy = Type.Object({
  organizationId: Uuid,
  organizationName: Type.String(),
  /** Roles that must use a second factor; every other role is offered one. */
  requiredRoles: Type.Array(Role),
  /** True while the organization has no list of its own and follows the server's setting. */
  usesServerDefault: Type.Boolean(),
  /** The server's setting (PORTICO_MFA_REQUIRED_ROLES). */
  serverDefaultRoles: Type.Array(Role),
  roles: Type.Array(MfaRoleEnrollment),
});
export type MfaPolicy = Static<typeof MfaPolicy>;

export const MfaPolicyList = Type.Object({ organizations: Type.Array(MfaPolicy) });
export type MfaPolicyList = Static<typeof MfaPolicyList>;

export const MfaPolicyBody = Type.Object(
  {
    requiredRoles: Type.Array(Role, { uniqueItems: true, maxItems: 5 }),
    /**
     * Taking the requirement away from administrators lets an admin account — which can change
     * every other setting — sign in with a password alone; the request must say it means that.
     */
    confirmAdminWithoutSecondFactor: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type MfaPolicyBody = Static<typeof MfaPolicyBody>;
