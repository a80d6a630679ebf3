// A user's own token, verified once by whoever receives it first (the hub gateway, or a subgraph behind another
// router): signature and claims (tokens.ts), then the agency it names must be a member whose kind can hold the
// claimed roles. Where the agency facts come from is the caller's choice (an AgencyDirectory).
import { GraphQLError } from 'graphql';
import { AuthenticationError, type TokenVerifier } from './tokens.js';
import { anonymousViewer, rolesByAgencyKind, type AgencyKindName, type Viewer } from './viewer.js';

export interface DirectoryAgency {
  id: string;
  kind: AgencyKindName;
}

/** Finds a member agency by code or id; null when there is none. */
export type AgencyDirectory = (codeOrId: string) => Promise<DirectoryAgency | null>;

export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Not authenticated: ${reason}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export async function viewerFromUserToken(header: string | undefined, verifier: TokenVerifier, directory: AgencyDirectory): Promise<Viewer> {
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
  const agency = await directory(claims.agency);
  if (!agency) throw unauthenticated('the token names an agency that is not a member of the alliance');
  const refused = claims.roles.filter((r) => !rolesByAgencyKind[agency.kind].has(r));
  if (refused.length) throw unauthenticated(`a ${agency.kind} agency cannot hold the role(s) ${refused.join(', ')}`);
  return { subject: claims.subject, name: claims.name, agencyId: agency.id, agencyKind: agency.kind, roles: new Set(claims.roles) };
}
