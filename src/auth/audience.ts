// The policy's viewer-level audiences (DOMAIN.md, "Who may see what"): shared by the gateway and subgraphs.
import { Role, type Viewer } from './viewer.js';

/** ALLIANCE (TLP:GREEN audience): any authenticated member, private partners included. */
export function isMember(viewer: Viewer): boolean {
  return viewer.agencyId !== null;
}

/** LAW_ENFORCEMENT (TLP:AMBER audience): members whose agency is a public authority. */
export function isLawEnforcement(viewer: Viewer): boolean {
  return viewer.agencyKind !== null && viewer.agencyKind !== 'PRIVATE_OPERATOR';
}

export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.roles.has(role);
}

export function isAdmin(viewer: Viewer): boolean {
  return hasRole(viewer, Role.ADMIN);
}
