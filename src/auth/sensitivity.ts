// The hub's policy directive, shared by every subgraph of the alliance graph: a field marked
// `@sensitivity(audience: LAW_ENFORCEMENT)` (or ALLIANCE) is withheld by the gateway from viewers outside that
// audience, whatever the subgraph itself does. Composition keeps it in the supergraph (@composeDirective).
import { isLawEnforcement, isMember } from './audience.js';
import type { Viewer } from './viewer.js';

export type SensitivityAudience = 'ALLIANCE' | 'LAW_ENFORCEMENT';

export const POLICY_SPEC_URL = 'https://port-alliance.example/policy/v1.0';

/** Put at the top of a subgraph's SDL (Federation 2.5 link, the policy link, the directive and its enum). */
export const FEDERATION_WITH_POLICY = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@composeDirective"])
  @link(url: "${POLICY_SPEC_URL}", import: ["@sensitivity"])
  @composeDirective(name: "@sensitivity")

"Who may read the field: the gateway withholds it (null + FORBIDDEN) from anyone else."
directive @sensitivity(audience: SensitivityAudience!) on FIELD_DEFINITION

"Audiences of the alliance's access policy. ALLIANCE: any signed-in member. LAW_ENFORCEMENT: members of public authorities."
enum SensitivityAudience {
  ALLIANCE
  LAW_ENFORCEMENT
}
`;

export function inAudience(viewer: Viewer, audience: SensitivityAudience): boolean {
  return audience === 'LAW_ENFORCEMENT' ? isLawEnforcement(viewer) : isMember(viewer);
}

/**
 * The one wording of a refused field, whichever part refuses it (the hub gateway before planning, the core's
 * shield, a member subgraph's own check), so that an answer reads the same behind any router.
 */
export function refusedFieldMessage(typeName: string, fieldName: string): string {
  return `Not allowed to ${typeName === 'Mutation' ? 'do' : 'read'} ${typeName}.${fieldName}`;
}

/**
 * Whether reads of a field with this mark are audited (LAW_ENFORCEMENT, or any narrower audience: DOMAIN.md, every
 * read of AMBER-or-above data), by the hub gateway and by the subgraph that serves it.
 */
export function isAuditedAudience(audience: SensitivityAudience): boolean {
  return audience !== 'ALLIANCE';
}
