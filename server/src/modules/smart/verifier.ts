import type Provider from 'oidc-provider';
import type { SmartRepository } from './repository.js';
import { effectiveScopes } from './scopes.js';

/**
 * What the FHIR API learns from a bearer token. Mirrors `FhirGrant` in modules/fhir/access.ts
 * (structurally the same, so this module does not import the FHIR module).
 */
export interface SmartFhirGrant {
  userId: string;
  patientId: string | null;
  scopes: readonly string[];
  clientId: string | null;
  appName: string | null;
  /** Backend services: the one organization the client is registered for (null: every one). */
  organizationId?: string | null;
}

/** Checks SMART access tokens for the FHIR API: present, unexpired, app enabled, approval not revoked. */
export class BearerVerifierService {
  constructor(
    private readonly provider: () => Promise<Provider>,
    private readonly repo: SmartRepository,
  ) {}

  /** The grant behind a token, or null for any token that must not be honoured. */
  async verify(token: string): Promise<SmartFhirGrant | null> {
    if (!token || token.length > 512) return null;
    const provider = await this.provider();
    const user = await provider.AccessToken.find(token);
    if (user) {
      if (user.isExpired || !user.grantId || !user.clientId) return null;
      const app = await this.repo.appByClientId(user.clientId);
      if (!app || app.disabled_at) return null;
      const grant = await this.repo.grant(user.grantId);
      if (!grant || grant.revoked_at || grant.app_id !== app.id) return null;
      await this.repo.touchGrant(grant.grant_id);
      const types = Array.isArray(grant.allowed_types) ? (grant.allowed_types as unknown[]).map(String) : null;
      return {
        userId: grant.user_id,
        patientId: grant.patient_id,
        scopes: effectiveScopes((user.scope ?? '').split(' ').filter(Boolean), types),
        clientId: app.client_id,
        appName: app.name,
      };
    }
    const system = await provider.ClientCredentials.find(token);
    if (!system || system.isExpired || !system.clientId) return null;
    const app = await this.repo.appByClientId(system.clientId);
    if (!app || app.disabled_at || app.kind !== 'backend') return null;
    // A backend service acts as itself: the app's id stands in for a user in the audit trail.
    return {
      userId: app.id,
      patientId: null,
      scopes: (system.scope ?? '').split(' ').filter(Boolean),
      clientId: app.client_id,
      appName: app.name,
      organizationId: app.organization_id,
    };
  }

  /** The function the FHIR module takes (`BearerVerifier`). */
  get bearerVerifier(): (token: string) => Promise<SmartFhirGrant | null> {
    return (token) => this.verify(token);
  }
}
