// Shield rules shared by the modules. Two kinds, on purpose:
// - viewer rules read nothing but the viewer: `contextual` cache, evaluated once per request;
// - row rules read the parent row: `no_cache` (a contextual cache would reuse one row's answer for the next),
//   kept cheap because the row already carries what they need (its TLP label and originating agency id).
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { allow, rule } from './shield-lib.js';
import type { IRules } from './shield-lib.js';
/** A rule or logic rule (allow, deny, and/or…): the value type of a shield field map. */
type ShieldRule = Extract<IRules, { resolve: unknown }> | typeof allow;
import { hasRole, isLawEnforcement, isMember } from '../../auth/audience.js';
import { Role } from '../../auth/viewer.js';
import type { ClassifiedRecord } from '../common/classified.entity.js';
import type { HubContext } from '../context.js';
import { isAmberOrAbove } from './tlp.js';

/** The one FORBIDDEN error: it names the field, never the hidden value or why it is hidden. */
export function forbidden(info?: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>): GraphQLError {
  const what = info ? `${info.parentType.name}.${info.fieldName}` : 'this operation';
  return new GraphQLError(`Not allowed to read or do ${what}`, { extensions: { code: 'FORBIDDEN' } });
}

const fieldOf = (info: GraphQLResolveInfo) => `${info.parentType.name}.${info.fieldName}`;

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
      if (!isMember(ctx.viewer)) return new GraphQLError('Sign in to do this', { extensions: { code: 'UNAUTHENTICATED' } });
      return roles.some((r) => hasRole(ctx.viewer, r));
    });
    roleRules.set(name, roleRule);
  }
  return roleRule;
}

/** Administrators: membership, the federation and the audit trail (no operational content by itself). */
export const admin = anyRole(Role.ADMIN);

// ---- row rules (no_cache) ----
/**
 * A field of a classified row the viewer already may see (SQL filtered it): allowed, and audited when the row
 * is AMBER or above.
 */
export const rowField = rule('rowField', { cache: 'no_cache' })((row: ClassifiedRecord, _a, ctx: HubContext, info) => {
  if (isAmberOrAbove(row.tlp)) ctx.audit.read(row.id, fieldOf(info), true);
  return true;
});

/**
 * Operational details and personal contact data: law enforcement only, whatever the label; every read (or
 * refusal) is audited.
 */
export const lawEnforcementField = rule('lawEnforcementField', { cache: 'no_cache' })((row: { id: string }, _a, ctx: HubContext, info) => {
  const allowed = isLawEnforcement(ctx.viewer);
  ctx.audit.read(row.id, fieldOf(info), allowed);
  return allowed;
});

/** Fields of a classified row only for members (e.g. a best practice's body: PUBLIC sees titles and summaries). */
export const memberRowField = rule('memberRowField', { cache: 'no_cache' })((row: ClassifiedRecord, _a, ctx: HubContext, info) => {
  if (!isMember(ctx.viewer)) return false;
  if (isAmberOrAbove(row.tlp)) ctx.audit.read(row.id, fieldOf(info), true);
  return true;
});

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
