// Who is asking. Built once per request from a verified token (or anonymous) and passed down to services.
import { GraphQLError } from 'graphql';
import { registerEnumType } from 'type-graphql';

export enum Role {
  PARTNER = 'PARTNER',
  ANALYST = 'ANALYST',
  REFERENT = 'REFERENT',
  OFFICER = 'OFFICER',
  INVESTIGATOR = 'INVESTIGATOR',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, { name: 'Role', description: 'Capabilities a member holds.' });

export interface Viewer {
  /** Identity-provider subject; null for anonymous viewers. */
  subject: string | null;
  name: string | null;
  agencyId: string | null;
  roles: ReadonlySet<Role>;
}

export const anonymousViewer: Viewer = Object.freeze({
  subject: null,
  name: null,
  agencyId: null,
  roles: new Set<Role>(),
});

/** The agency acting in a write: the viewer's own. Anonymous viewers cannot write. */
export function actingAgencyId(viewer: Viewer): string {
  if (!viewer.agencyId) {
    throw new GraphQLError('Sign in to make changes', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return viewer.agencyId;
}
