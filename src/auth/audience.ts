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

/**
 * The three audiences the field rules tell apart by the viewer alone. The hub serves one guarded schema per
 * audience, so rules that depend only on it are decided once, when the schema is built (see hub/shield.ts).
 */
export type ViewerAudience = 'ANONYMOUS' | 'MEMBER' | 'LAW_ENFORCEMENT';
export const VIEWER_AUDIENCES: readonly ViewerAudience[] = ['ANONYMOUS', 'MEMBER', 'LAW_ENFORCEMENT'];

export function viewerAudience(viewer: Viewer): ViewerAudience {
  return isLawEnforcement(viewer) ? 'LAW_ENFORCEMENT' : isMember(viewer) ? 'MEMBER' : 'ANONYMOUS';
}
