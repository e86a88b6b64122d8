import type { ConnectedApp, SmartInteraction, SmartRedirect } from '@portico/contracts';
import type Provider from 'oidc-provider';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import { ALL_AREAS, type ProxyService } from '../proxies/index.js';
import type { SmartRepository } from './repository.js';
import { effectiveScopes, narrow, parseResourceScope, readableTypes, typesForAreas } from './scopes.js';

const expired = () =>
  new AppError(
    'smart_interaction_expired',
    410,
    'This request from the app has timed out or was already answered. Go back to the app and connect again.',
  );

/** Interactions a patient answers (approve, deny) and the apps they have connected. */
export class SmartAuthorizations {
  constructor(
    private readonly provider: () => Promise<Provider>,
    private readonly repo: SmartRepository,
    private readonly proxies: ProxyService,
    private readonly audit: AuditService,
  ) {}

  private async load(uid: string) {
    const provider = await this.provider();
    const interaction = await provider.Interaction.find(uid);
    if (!interaction || interaction.result) throw expired();
    const clientId = String(interaction.params['client_id'] ?? '');
    const app = await this.repo.appByClientId(clientId);
    if (!app || app.disabled_at) throw expired();
    const requested = String(interaction.params['scope'] ?? '')
      .split(' ')
      .filter(Boolean);
    return { provider, interaction, app, requested };
  }

  private static patientOnly(caller: AuthenticatedCaller): void {
    if (caller.role !== 'patient' && caller.role !== 'proxy') {
      throw new AppError(
        'forbidden',
        403,
        'Only patients and the people they share with can connect apps to a record.',
      );
    }
  }

  /** What the app asks for, in terms the consent page can put into plain words. */
  async details(caller: AuthenticatedCaller, uid: string, ownName: string): Promise<SmartInteraction> {
    SmartAuthorizations.patientOnly(caller);
    const { app, requested } = await this.load(uid);
    const { granted } = narrow(requested, app.scopes.split(' '));
    const reads = readableTypes(granted);
    const { records } = await this.proxies.records(caller, ownName);
    return {
      uid,
      app: { name: app.name, clientId: app.client_id },
      reads,
      offline: granted.includes('offline_access'),
      identity: granted.includes('openid') && granted.includes('fhirUser'),
      needsRecord: needsRecord(granted),
      records: records.map((r) => {
        const types = typesForAreas(r.areas, ALL_AREAS);
        return {
          patientId: r.patientId,
          name: r.name,
          self: r.self,
          areas: r.areas,
          reads: types ? readableTypes(effectiveScopes(granted, types)) : null,
        };
      }),
    };
  }

  /** The person approves: a grant for the chosen record, narrowed to what the app was registered for. */
  async approve(
    caller: AuthenticatedCaller,
    uid: string,
    patientId: string | undefined,
    ownName: string,
  ): Promise<SmartRedirect> {
    SmartAuthorizations.patientOnly(caller);
    const { provider, interaction, app, requested } = await this.load(uid);
    const { granted, rejected } = narrow(requested, app.scopes.split(' '));
    let chosen: { patientId: string; types: string[] | null } | null = null;
    if (needsRecord(granted)) {
      const { records } = await this.proxies.records(caller, ownName);
      const record = records.find((r) => r.patientId === patientId);
      if (!record) throw notFound('This record');
      chosen = { patientId: record.patientId, types: typesForAreas(record.areas, ALL_AREAS) };
    }
    const grant = new provider.Grant({ accountId: caller.userId, clientId: app.client_id });
    if (granted.length > 0) grant.addOIDCScope(granted.join(' '));
    if (rejected.length > 0) grant.rejectOIDCScope(rejected.join(' '));
    const grantId = await grant.save();
    try {
      // The approval and its audit row commit together or not at all (decision 0027).
      await this.repo.transaction(async (repo, trx) => {
        await repo.insertGrant({
          grant_id: grantId,
          app_id: app.id,
          user_id: caller.userId,
          patient_id: chosen?.patientId ?? null,
          scopes: granted.join(' '),
          allowed_types: chosen?.types ?? null,
        });
        await this.audit.record(
          caller,
          {
            action: 'smart.authorize',
            entityType: 'SmartApp',
            entityId: app.id,
            patientId: chosen?.patientId ?? null,
            outcome: 'allowed',
            detail: { scopes: granted.length, narrowed: rejected.length },
          },
          trx,
        );
      });
    } catch (err) {
      // Without the approval row the provider's grant is never used (the interaction stays
      // unanswered); it goes too, so nothing is left that was not audited.
      await grant.destroy().catch(() => undefined);
      throw err;
    }
    interaction.result = { login: { accountId: caller.userId }, consent: { grantId } };
    await interaction.save(Math.max(interaction.exp - Math.floor(Date.now() / 1000), 1));
    return { redirectTo: interaction.returnTo };
  }

  /** The person declines: the app is told `access_denied` at its redirect URI. */
  async deny(caller: AuthenticatedCaller, uid: string): Promise<SmartRedirect> {
    SmartAuthorizations.patientOnly(caller);
    const { interaction, app } = await this.load(uid);
    interaction.result = { error: 'access_denied', error_description: 'The patient did not allow access.' };
    await interaction.save(Math.max(interaction.exp - Math.floor(Date.now() / 1000), 1));
    await this.audit.record(caller, {
      action: 'smart.authorize',
      entityType: 'SmartApp',
      entityId: app.id,
      outcome: 'denied',
    });
    return { redirectTo: interaction.returnTo };
  }

  async connected(caller: AuthenticatedCaller): Promise<ConnectedApp[]> {
    const rows = await this.repo.grantsOf(caller.userId);
    return rows.map((r) => {
      const scopes = r.scopes.split(' ').filter(Boolean);
      const types = Array.isArray(r.allowed_types) ? (r.allowed_types as unknown[]).map(String) : null;
      const self = r.patient_id === null || r.patient_id === caller.ownPatientId;
      return {
        grantId: r.grant_id,
        appName: r.app_name,
        patientName: self || !r.given_name ? null : `${r.given_name} ${r.family_name ?? ''}`.trim(),
        self,
        reads: readableTypes(effectiveScopes(scopes, types)),
        offline: scopes.includes('offline_access'),
        connectedAt: r.created_at.toISOString(),
        lastUsedAt: r.last_used_at ? r.last_used_at.toISOString() : null,
      };
    });
  }

  /** Revokes one connected app: its tokens stop working at once, and its refresh token fails. */
  async revoke(caller: AuthenticatedCaller, grantId: string): Promise<void> {
    const grant = await this.repo.grant(grantId);
    if (!grant || grant.user_id !== caller.userId) throw notFound('This app');
    if (!(await this.repo.revokeGrant(grantId, caller.userId))) throw notFound('This app');
    await this.audit.record(caller, {
      action: 'smart.revoke',
      entityType: 'SmartGrant',
      entityId: grantId,
      patientId: grant.patient_id,
      outcome: 'allowed',
    });
  }
}

/** Patient-level resource scopes, or launch/patient, need a record chosen. */
function needsRecord(scopes: readonly string[]): boolean {
  return scopes.includes('launch/patient') || scopes.some((s) => parseResourceScope(s)?.context === 'patient');
}
