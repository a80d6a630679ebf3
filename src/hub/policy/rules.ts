// The shield rules the field policy (field-policy.ts) runs per request. Rules that depend on the viewer's audience
// alone are not here: they are decided into allow or deny when each audience's schema is built (hub/shield.ts).
// Role rules use the `contextual` cache (once per request); a rule that reads the parent row must be `no_cache`
// (a contextual cache would reuse one row's answer for the next).
import type { GraphQLResolveInfo } from 'graphql';
import { forbidden, unauthenticated } from '../common/errors.js';
import { rule, type ShieldRule } from './shield-lib.js';
import { hasRole, isMember } from '../../auth/audience.js';
import { refusedFieldMessage } from '../../auth/sensitivity.js';
import type { Role } from '../../auth/viewer.js';
import type { HubContext } from '../context.js';

/** The shield's refusal: it names the field, never the hidden value or why it is hidden. */
export function fieldForbidden(info?: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>) {
  return forbidden(info ? refusedFieldMessage(info.parentType.name, info.fieldName) : 'Not allowed to do this operation');
}

/**
 * Holds at least one of the roles (a capability check for mutations; ownership is checked by the service).
 * One rule per role set: shield caches contextual rules by name, so a name must mean one rule.
 */
const roleRules = new Map<string, ShieldRule>();
export function anyRoleRule(roles: readonly Role[]): ShieldRule {
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

/** A rule that reads the parent row: never cached, since each row has its own answer. */
export function rowRule<P>(name: string, predicate: (parent: P, ctx: HubContext) => boolean | Promise<boolean>): ShieldRule {
  return rule(name, { cache: 'no_cache' })((parent: P, _a, ctx: HubContext) => predicate(parent, ctx));
}
