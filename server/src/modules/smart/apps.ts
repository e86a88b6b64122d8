import { randomBytes } from 'node:crypto';
import type { FieldError, SmartApp, SmartAppBody, SmartAppCreated, SmartAuthMethod } from '@portico/contracts';
import type { AuthenticatedCaller } from '../../lib/caller.js';
import { forbidden, notFound, validation } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import type { Sealing } from './keys.js';
import type { AppRow, SmartRepository } from './repository.js';
import { parseResourceScope, SUPPORTED_SCOPES } from './scopes.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https URL, or http on this machine (development, tests); no fragment. */
function urlProblem(value: string, field: string): FieldError | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { field, message: 'Enter a full address starting with https://.' };
  }
  if (url.hash) return { field, message: 'An address here cannot contain #.' };
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return { field, message: 'Use https:// (plain http:// only works for localhost).' };
}

export function toSmartApp(row: AppRow): SmartApp {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    kind: row.kind,
    authMethod: row.auth_method,
    redirectUris: Array.isArray(row.redirect_uris) ? (row.redirect_uris as unknown[]).map(String) : [],
    jwksUri: row.jwks_uri,
    organizationId: row.organization_id,
    scopes: row.scopes.split(' ').filter(Boolean),
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at ? row.disabled_at.toISOString() : null,
  };
}

function checkScopes(kind: SmartAppBody['kind'], scopes: readonly string[]): FieldError[] {
  const out: FieldError[] = [];
  for (const scope of scopes) {
    if (!SUPPORTED_SCOPES.includes(scope)) {
      out.push({ field: 'scopes', message: `"${scope}" is not a scope Portico supports (it reads only).` });
      continue;
    }
    const parsed = parseResourceScope(scope);
    if (kind === 'backend' && (!parsed || parsed.context !== 'system'))
      out.push({ field: 'scopes', message: `A backend service can only have system/ scopes, not "${scope}".` });
    if (kind !== 'backend' && parsed?.context === 'system')
      out.push({ field: 'scopes', message: `Only a backend service can have "${scope}".` });
  }
  return out;
}

/** Admins register third-party apps (SMART App Launch and backend services) and disable them. */
export class SmartAppService {
  constructor(
    private readonly repo: SmartRepository,
    private readonly sealer: Sealing,
    private readonly audit: AuditService,
  ) {}

  async list(caller: AuthenticatedCaller): Promise<SmartApp[]> {
    if (caller.role !== 'admin') throw forbidden();
    return (await this.repo.apps()).map(toSmartApp);
  }

  async register(caller: AuthenticatedCaller | null, body: SmartAppBody): Promise<SmartAppCreated> {
    if (caller && caller.role !== 'admin') throw forbidden();
    const authMethod: SmartAuthMethod =
      body.kind === 'public' ? 'none' : (body.authMethod ?? (body.kind === 'backend' ? 'private_key_jwt' : 'none'));
    const fields: FieldError[] = [];
    if (body.name.trim() === '')
      fields.push({ field: 'name', message: 'Give the app a name patients will recognise.' });
    if (body.kind === 'public' && body.authMethod && body.authMethod !== 'none')
      fields.push({ field: 'authMethod', message: 'A public app has no key or secret.' });
    if (body.kind !== 'public' && authMethod === 'none')
      fields.push({
        field: 'authMethod',
        message: 'Choose how this app proves who it is: a key (JWKS URL) or a secret.',
      });
    if (body.kind === 'backend' && authMethod !== 'private_key_jwt')
      fields.push({ field: 'authMethod', message: 'A backend service signs in with its key (JWKS URL).' });
    if (body.kind === 'backend' && body.redirectUris.length > 0)
      fields.push({ field: 'redirectUris', message: 'A backend service has no redirect addresses.' });
    if (body.kind !== 'backend' && body.redirectUris.length === 0)
      fields.push({ field: 'redirectUris', message: 'Add the exact address the app is sent back to.' });
    body.redirectUris.forEach((uri, i) => {
      const problem = urlProblem(uri, `redirectUris/${i}`);
      if (problem) fields.push(problem);
    });
    if (authMethod === 'private_key_jwt') {
      if (!body.jwksUri)
        fields.push({ field: 'jwksUri', message: 'Add the address of the app’s public keys (JWKS URL).' });
      else {
        const problem = urlProblem(body.jwksUri, 'jwksUri');
        if (problem) fields.push(problem);
      }
    } else if (body.jwksUri)
      fields.push({ field: 'jwksUri', message: 'Only an app that signs in with a key has a JWKS URL.' });
    if (body.organizationId && body.kind !== 'backend')
      fields.push({ field: 'organizationId', message: 'Only a backend service is registered for one organization.' });
    fields.push(...checkScopes(body.kind, body.scopes));
    if (fields.length > 0) throw validation(fields);

    const secret = authMethod === 'client_secret_basic' ? randomBytes(32).toString('base64url') : null;
    // The app and its audit row commit together or not at all (decision 0027).
    const row = await this.repo.transaction(async (repo, trx) => {
      const added = await repo.insertApp({
        client_id: `portico-${randomBytes(12).toString('hex')}`,
        name: body.name.trim(),
        kind: body.kind,
        auth_method: authMethod,
        redirect_uris: body.redirectUris,
        jwks_uri: authMethod === 'private_key_jwt' ? (body.jwksUri ?? null) : null,
        client_secret_sealed: secret ? this.sealer.seal(secret) : null,
        scopes: body.scopes.join(' '),
        organization_id: body.organizationId ?? null,
        created_by: caller?.userId ?? null,
      });
      if (caller) {
        const detail = { kind: added.kind, authMethod: added.auth_method };
        const entry = { action: 'smart.app_registered', entityType: 'SmartApp', entityId: added.id, detail };
        await this.audit.record(caller, { ...entry, outcome: 'allowed' }, trx);
      }
      return added;
    });
    return { app: toSmartApp(row), clientSecret: secret };
  }

  /** Disables an app: it can no longer sign in, and every token and approval it held ends now. */
  async disable(caller: AuthenticatedCaller, id: string): Promise<SmartApp> {
    if (caller.role !== 'admin') throw forbidden();
    const existing = await this.repo.appById(id);
    if (!existing) throw notFound('This app');
    const row = (await this.repo.disableApp(id)) ?? existing;
    await this.audit.record(caller, {
      action: 'smart.app_disabled',
      entityType: 'SmartApp',
      entityId: id,
      outcome: 'allowed',
    });
    return toSmartApp(row);
  }
}
