// From the Authorization header to the request's Viewer: the token is verified (auth/tokens.ts), then its
// agency claim must name a member agency whose kind can hold the claimed roles.
import { GraphQLError } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { AuthenticationError, type TokenVerifier } from '../auth/tokens.js';
import { anonymousViewer, rolesByAgencyKind, type Viewer } from '../auth/viewer.js';
import { isUuid } from './common/loaders.js';
import { Agency } from './modules/agency/index.js';

export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Not authenticated: ${reason}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export async function viewerFromAuthorization(
  header: string | undefined,
  verifier: TokenVerifier,
  orm: MikroORM,
): Promise<Viewer> {
  if (!header) return anonymousViewer;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthenticated('expected "Authorization: Bearer <token>"');
  let claims;
  try {
    claims = await verifier.verify(match[1]!);
  } catch (error) {
    if (error instanceof AuthenticationError) throw unauthenticated(error.message);
    throw error;
  }
  const em = orm.em.fork();
  const agency = await em.findOne(Agency, isUuid(claims.agency) ? { $or: [{ id: claims.agency }, { code: claims.agency }] } : { code: claims.agency });
  if (!agency) throw unauthenticated('the token names an agency that is not a member of the alliance');
  const allowed = rolesByAgencyKind[agency.kind];
  const refused = claims.roles.filter((r) => !allowed.has(r));
  if (refused.length) throw unauthenticated(`a ${agency.kind} agency cannot hold the role(s) ${refused.join(', ')}`);
  return { subject: claims.subject, name: claims.name, agencyId: agency.id, agencyKind: agency.kind, roles: new Set(claims.roles) };
}
