// The one middleware every /v1 route passes: it verifies the caller's identity and resolves the
// tenant (the sheet) from the sheet secret it was issued on first contact.
import { createMiddleware } from 'hono/factory';
import { TENANT_SECRET_HEADER } from '../../../shared/contract.ts';
import { readConfig, type Env } from '../env.ts';
import { ApiError } from '../http/errors.ts';
import { findTenantBySecret } from '../store/tenants.ts';
import { verifyIdentity, type Identity } from './identity.ts';

export interface AuthVariables {
  identity: Identity;
  tenantId: string;
  /** The request's "now" (the Worker's clock; see clock.ts). */
  now: Date;
}

export type AppEnv = { Bindings: Env; Variables: AuthVariables };

/** Identity only: for the route that creates a tenant. */
export const requireIdentity = createMiddleware<AppEnv>(async function requireIdentity(c, next) {
  const config = readConfig(c.env);
  c.set('identity', await verifyIdentity(c.req.header('Authorization'), config));
  await next();
});

/** Identity and tenant: for every other /v1 route. */
export const requireTenant = createMiddleware<AppEnv>(async function requireTenant(c, next) {
  const config = readConfig(c.env);
  c.set('identity', await verifyIdentity(c.req.header('Authorization'), config));
  const secret = c.req.header(TENANT_SECRET_HEADER);
  if (!secret || !/^[A-Za-z0-9_-]{32,128}$/.test(secret)) {
    throw new ApiError(401, 'TENANT_SECRET_MISSING', `The ${TENANT_SECRET_HEADER} header is missing or malformed.`);
  }
  const tenantId = await findTenantBySecret(c.env.DB, secret);
  if (!tenantId) throw new ApiError(401, 'TENANT_UNKNOWN', 'No tenant has this secret.');
  c.set('tenantId', tenantId);
  await next();
});
