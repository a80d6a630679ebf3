// Shield rules shared by the modules. Rows a viewer may not see never reach a rule (SQL filtered them), so most
// fields of a visible row are simply `allow`; the rest depend on the viewer alone and use the `contextual` cache
// (evaluated once per request). A rule that reads the parent row must be `no_cache` (a contextual cache would
// reuse one row's answer for the next): see seizure.rules.ts. Reads to audit are noted by audit.reads.ts.
import type { GraphQLResolveInfo } from 'graphql';
import { forbidden, unauthenticated } from '../common/errors.js';
import { allow, rule } from './shield-lib.js';
import type { IRules } from './shield-lib.js';
/** A rule or logic rule (allow, deny, and/or…): the value type of a shield field map. */
type ShieldRule = Extract<IRules, { resolve: unknown }> | typeof allow;
import { hasRole, isLawEnforcement, isMember } from '../../auth/audience.js';
import { Role } from '../../auth/viewer.js';
import type { HubContext } from '../context.js';

/** The shield's refusal: it names the field, never the hidden value or why it is hidden. */
export function fieldForbidden(info?: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>) {
  return forbidden(`Not allowed to read or do ${info ? `${info.parentType.name}.${info.fieldName}` : 'this operation'}`);
}

// ---- viewer rules (contextual) ----
export const member = rule('member', { cache: 'contextual' })((_p, _a, ctx: HubContext) => isMember(ctx.viewer));
export const lawEnforcement = rule('lawEnforcement', { cache: 'contextual' })((_p, _a, ctx: HubContext) => isLawEnforcement(ctx.viewer));

/**
 * Holds at least one of the roles (a capability check for mutations; ownership is checked by the service).
 * One rule per role set: shield caches contextual rules by name, so a name must mean one rule.
 */
const roleRules = new Map<string, ReturnType<ReturnType<typeof rule>>>();
export function anyRole(...roles: Role[]) {
  const name = `anyRole:${[...roles].sort().join('|')}`;
  let roleRule = roleRules.get(name);
  if (!roleRule) {
    roleRule = rule(name, { cache: 'contextual' })((_p, _a, ctx: HubContext) => {
      // Anonymous viewers are told to sign in; signed-in viewers without the role are refused.
      if (!isMember(ctx.viewer)) return unauthenticated();
      return roles.some((r) => hasRole(ctx.viewer, r));
    });
    roleRules.set(name, roleRule);
  }
  return roleRule;
}

/** Administrators: membership, the federation and the audit trail (no operational content by itself). */
export const admin = anyRole(Role.ADMIN);

/** Every field of a type gets the same rule, written out by name so the map stays explicit. */
export function sameRule<T extends string>(fields: readonly T[], ruleForAll: ShieldRule): Record<T, ShieldRule> {
  return Object.fromEntries(fields.map((f) => [f, ruleForAll])) as Record<T, ShieldRule>;
}

/** The wrapper types of a connection carry no data of their own: the node's rules guard the content. */
export function connectionRules(node: string): IRules {
  return {
    [`${node}Connection`]: { edges: allow, pageInfo: allow, totalCount: allow },
    [`${node}Edge`]: { cursor: allow, node: allow },
  };
}
