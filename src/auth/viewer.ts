// Who is asking. Built once per request from a verified token (or anonymous) and passed down to services.
import { GraphQLError } from 'graphql';

export enum Role {
  PARTNER = 'PARTNER',
  ANALYST = 'ANALYST',
  REFERENT = 'REFERENT',
  OFFICER = 'OFFICER',
  INVESTIGATOR = 'INVESTIGATOR',
  ADMIN = 'ADMIN',
}

/** Agency kinds as the identity layer knows them (mirrors the hub's AgencyKind enum). */
export type AgencyKindName =
  | 'CUSTOMS' | 'POLICE' | 'JUDICIAL' | 'PORT_AUTHORITY' | 'COORDINATION_BODY' | 'EU_BODY' | 'PRIVATE_OPERATOR';

export interface Viewer {
  /** Identity-provider subject (issuer-qualified); null for anonymous viewers. */
  subject: string | null;
  name: string | null;
  agencyId: string | null;
  agencyKind: AgencyKindName | null;
  roles: ReadonlySet<Role>;
}

export const anonymousViewer: Viewer = Object.freeze({
  subject: null,
  name: null,
  agencyId: null,
  agencyKind: null,
  roles: new Set<Role>(),
});

/** Which agency kinds may hold each role: a private operator is a PARTNER and nothing else. */
export const rolesByAgencyKind: Record<AgencyKindName, ReadonlySet<Role>> = {
  CUSTOMS: new Set([Role.ANALYST, Role.REFERENT, Role.OFFICER, Role.INVESTIGATOR, Role.ADMIN]),
  POLICE: new Set([Role.ANALYST, Role.OFFICER, Role.INVESTIGATOR, Role.ADMIN]),
  JUDICIAL: new Set([Role.ANALYST, Role.INVESTIGATOR, Role.ADMIN]),
  PORT_AUTHORITY: new Set([Role.ANALYST, Role.ADMIN]),
  COORDINATION_BODY: new Set([Role.ANALYST, Role.ADMIN]),
  EU_BODY: new Set([Role.ANALYST, Role.INVESTIGATOR, Role.ADMIN]),
  PRIVATE_OPERATOR: new Set([Role.PARTNER]),
};

/** The agency acting in a write: the viewer's own. Anonymous viewers cannot write. */
export function actingAgencyId(viewer: Viewer): string {
  if (!viewer.agencyId) {
    throw new GraphQLError('Sign in to make changes', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return viewer.agencyId;
}
