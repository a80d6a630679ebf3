// Who is asking. Built once per request from a verified token (or anonymous) and passed down to services.
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
