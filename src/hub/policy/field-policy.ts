// The field access policy, as data. Each module declares once, in its <module>.rules.ts, who may read each field of
// its types and who may call its mutations, in the closed vocabulary below. Everything else is generated from the
// merged declarations: the shield's rule map for each viewer audience (hub/shield.ts), the @sensitivity marks the
// gateway enforces (hub/schema.ts), the audiences the audit of reads needs (audit.reads.ts) and the README's table
// (policy-docs.ts). All of them read the access's kind, never which rule object it is, so a combination the
// vocabulary cannot say cannot be written and no mark or audit goes missing silently.
//
// Rows a viewer may not see never reach a field (SQL filtered them): an access says who may read a field of a row
// the viewer can see.
import { Kind, visit, type ConstDirectiveNode, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';
import { viewerAudience, type ViewerAudience } from '../../auth/audience.js';
import type { SensitivityAudience } from '../../auth/sensitivity.js';
import { Role, type Viewer } from '../../auth/viewer.js';
import type { HubContext } from '../context.js';
import type { FieldAudience } from '../modules/audit/audit.reads.js';
import { anyRoleRule, rowRule } from './rules.js';
import type { ShieldRule } from './shield-lib.js';

/** Who may read a field by the viewer alone, widest first (the README's audiences of the same names). */
export type Audience = 'PUBLIC' | 'ALLIANCE' | 'LAW_ENFORCEMENT';

export interface AudienceAccess {
  readonly kind: 'audience';
  readonly audience: Audience;
}
export interface RolesAccess {
  readonly kind: 'roles';
  readonly roles: readonly Role[];
  readonly rule: ShieldRule;
}
export interface RowAccess {
  readonly kind: 'row';
  readonly name: string;
  readonly description: string;
  /** The audience the rule is at least as strict as. */
  readonly within: Audience;
  readonly rule: ShieldRule;
}
export type Access = AudienceAccess | RolesAccess | RowAccess;

/** A module's declaration: type → field → access. Fields left out are denied. */
export type FieldPolicy = Readonly<Record<string, Readonly<Record<string, Access>>>>;

// Merging refuses anything not made here (a shield rule slipped in with a cast, say).
const declared = new WeakSet<Access>();
function declare<A extends Access>(access: A): A {
  declared.add(access);
  return Object.freeze(access);
}

/** Anyone who may see the row. */
export const PUBLIC: AudienceAccess = declare({ kind: 'audience', audience: 'PUBLIC' });
/** Signed-in members, private partners included. */
export const ALLIANCE: AudienceAccess = declare({ kind: 'audience', audience: 'ALLIANCE' });
/** Members of public authorities. */
export const LAW_ENFORCEMENT: AudienceAccess = declare({ kind: 'audience', audience: 'LAW_ENFORCEMENT' });

/** Holds at least one of the roles: a capability (mutations, administration). Anonymous viewers are told to sign in. */
export function roles(...held: Role[]): RolesAccess {
  if (!held.length) throw new Error('roles() needs at least one role');
  return declare({ kind: 'roles', roles: held, rule: anyRoleRule(held) });
}

/** Administrators: membership, the federation and the audit trail (no operational content by itself). */
export const ADMIN = roles(Role.ADMIN);

/**
 * A rule that reads the parent row. `within` is the audience it is at least as strict as: viewers outside it are
 * refused without running it, and the marks and the audit treat the field as that audience's (PUBLIC: unmarked and
 * audited only with its record). The name must be unique (shield tells rules apart by name).
 */
export function row<P>(spec: {
  name: string;
  description: string;
  within: AudienceAccess;
  allows: (parent: P, ctx: HubContext) => boolean | Promise<boolean>;
}): RowAccess {
  return declare({ kind: 'row', name: spec.name, description: spec.description, within: spec.within.audience, rule: rowRule(spec.name, spec.allows) });
}

/** Every field of a type gets the same access, written out by name so the declaration stays explicit. */
export function sameAccess<T extends string>(fields: readonly T[], access: Access): Record<T, Access> {
  return Object.fromEntries(fields.map((f) => [f, access])) as Record<T, Access>;
}

/** The wrapper types of a connection carry no data of their own: the node's accesses guard the content. */
export function connectionPolicy(node: string): FieldPolicy {
  return {
    [`${node}Connection`]: sameAccess(['edges', 'pageInfo', 'totalCount'], PUBLIC),
    [`${node}Edge`]: sameAccess(['cursor', 'node'], PUBLIC),
  };
}

/** Merges the modules' declarations type by type; a field declared twice, or not with this vocabulary, is an error. */
export function mergePolicies(policies: readonly FieldPolicy[]): FieldPolicy {
  const merged: Record<string, Record<string, Access>> = {};
  const rowNames = new Map<string, Access>();
  for (const policy of policies) {
    for (const [type, fields] of Object.entries(policy)) {
      const target = (merged[type] ??= {});
      for (const [field, access] of Object.entries(fields)) {
        if (field in target) throw new Error(`Two accesses for ${type}.${field}`);
        if (!declared.has(access)) throw new Error(`${type}.${field}: not an access of field-policy.ts`);
        if (access.kind === 'row' && (rowNames.get(access.name) ?? access) !== access) throw new Error(`Two row rules named ${access.name}`);
        if (access.kind === 'row') rowNames.set(access.name, access);
        target[field] = access;
      }
    }
  }
  return merged;
}

const reach: Record<ViewerAudience, readonly Audience[]> = {
  ANONYMOUS: ['PUBLIC'],
  MEMBER: ['PUBLIC', 'ALLIANCE'],
  LAW_ENFORCEMENT: ['PUBLIC', 'ALLIANCE', 'LAW_ENFORCEMENT'],
};

/**
 * What one viewer audience gets: decided when its schema is built ('allow', 'deny'), or a rule run per request.
 * Role rules are never decided ahead, so that an anonymous caller hears UNAUTHENTICATED rather than FORBIDDEN.
 */
export function decide(access: Access, viewer: ViewerAudience): 'allow' | 'deny' | ShieldRule {
  switch (access.kind) {
    case 'audience': return reach[viewer].includes(access.audience) ? 'allow' : 'deny';
    case 'roles': return access.rule;
    case 'row': return reach[viewer].includes(access.within) ? access.rule : 'deny';
  }
}

/**
 * Whether the viewer's audience may read `type.field` as declared in `policy`: for arguments that would reveal a
 * field's values (filtering or grouping by it), so that they follow the field's own declaration. A row rule counts
 * as its `within` audience; a role check or no declaration as no.
 */
export function mayRead(policy: FieldPolicy, type: string, field: string, viewer: Viewer): boolean {
  const audience = audienceOf(policy[type]?.[field]);
  return audience !== null && reach[viewerAudience(viewer)].includes(audience);
}

/**
 * The audience the viewer alone must be in, as the marks and the audit see it. Role checks have none: a capability
 * is the subgraph's to check (a gateway mark would refuse anonymous callers instead of asking them to sign in).
 */
export function audienceOf(access: Access | undefined): Audience | null {
  switch (access?.kind) {
    case 'audience': return access.audience;
    case 'row': return access.within;
    default: return null;
  }
}

/** The field's @sensitivity audience, if any. */
export function sensitivityOf(access: Access | undefined): SensitivityAudience | null {
  const audience = audienceOf(access);
  return audience === 'PUBLIC' ? null : audience;
}

/** What the audit of reads needs to know of a field. */
export function auditAudienceOf(access: Access | undefined): FieldAudience {
  const audience = audienceOf(access);
  return audience === 'LAW_ENFORCEMENT' ? 'lawEnforcement' : audience === 'ALLIANCE' ? 'member' : 'other';
}

/**
 * Marks the fields kept from some viewers with the policy directive, so the gateway withholds them too (defence in
 * depth). Non-null fields are left unmarked: they belong to rows filtered out for those viewers.
 */
export function markSensitiveFields(typeDefs: DocumentNode, policy: FieldPolicy): DocumentNode {
  const mark = (audience: SensitivityAudience): ConstDirectiveNode => ({
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: 'sensitivity' },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'audience' }, value: { kind: Kind.ENUM, value: audience } }],
  });
  return visit(typeDefs, {
    FieldDefinition(field, _key, _parent, _path, ancestors) {
      const type = (ancestors.at(-1) as ObjectTypeDefinitionNode).name?.value;
      const audience = type ? sensitivityOf(policy[type]?.[field.name.value]) : null;
      if (!audience || field.type.kind === Kind.NON_NULL_TYPE) return undefined;
      return { ...field, directives: [...(field.directives ?? []), mark(audience)] };
    },
  });
}
