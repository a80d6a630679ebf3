// The one shield: generated from the merged field policy (policy/field-policy.ts), deny by default, and errors that
// reveal nothing. Plus the audit of reads, applied where records enter the response (audit.reads.ts).
//
// Speed by design: rows a viewer may not see never reach a field (SQL filtered them), so most fields are PUBLIC
// and are left unwrapped; accesses that depend on the viewer's audience alone are decided per audience when the
// schema is built, so a field wrapper is left only where something is refused or depends on the row or the roles.
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { ViewerAudience } from '../auth/audience.js';
import { auditReadsMiddleware } from './modules/audit/audit.reads.js';
import { audienceOf, auditAudienceOf, decide, type FieldPolicy } from './policy/field-policy.js';
import { fieldForbidden } from './policy/rules.js';
import { allow, applyMiddleware, deny, shield, type IRules, type ShieldRule } from './policy/shield-lib.js';

type RuleMap = Record<string, Record<string, ShieldRule>>;

function hubShield(rules: RuleMap) {
  return shield(rules as IRules, {
    fallbackRule: deny,
    allowExternalErrors: false,
    // A refused rule gives FORBIDDEN. Errors thrown by resolvers pass as they are: the hub's own (GraphQLError
    // with a public code) are meant for the client, anything else is masked by formatError with a reference.
    fallbackError: (error, _parent, _args, _ctx, info) => {
      // Returned as it is: formatError reads it (ORM lock and unique errors become CONFLICT; the rest is masked).
      if (error instanceof Error) return error;
      return fieldForbidden(info);
    },
  });
}

/** The shield's field wrappers for one audience (audience accesses already decided, allowed fields left bare). */
export function shieldFor(schema: GraphQLSchema, policy: FieldPolicy, audience: ViewerAudience): RuleMap {
  const rules: RuleMap = {};
  const open = new Set<string>();
  for (const [type, fields] of Object.entries(policy)) {
    const target = (rules[type] = {} as Record<string, ShieldRule>);
    for (const [field, access] of Object.entries(fields)) {
      const decision = decide(access, audience);
      if (decision === 'allow') open.add(`${type}.${field}`);
      target[field] = decision === 'allow' ? allow : decision === 'deny' ? deny : decision;
    }
  }
  const shieldMap = hubShield(rules).generate(schema) as RuleMap;
  // An `allow` wrapper decides nothing and costs an async hop on every value of the field (thousands per list):
  // those fields are left unwrapped. Every other field, and every field without a declaration (deny), stays guarded.
  for (const [type, fields] of Object.entries(shieldMap)) {
    for (const field of Object.keys(fields)) if (open.has(`${type}.${field}`)) delete fields[field];
  }
  return shieldMap;
}

/** The audit of reads: records of AMBER-or-above types and law-enforcement-only fields, noted as they are served. */
export function auditReadsFor(schema: GraphQLSchema, policy: FieldPolicy) {
  const audited = (typeName: string) => {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) return false;
    const fields = Object.keys(type.getFields());
    return fields.includes('tlp') || fields.some((f) => audienceOf(policy[typeName]?.[f]) === 'LAW_ENFORCEMENT');
  };
  return auditReadsMiddleware(schema, audited, (type, field) => auditAudienceOf(policy[type]?.[field]));
}

/** Guards `schema` for one audience with the policy, and audits its reads: the only way the hub serves a schema. */
export function guard(schema: GraphQLSchema, policy: FieldPolicy, audience: ViewerAudience): GraphQLSchema {
  return applyMiddleware(schema, shieldFor(schema, policy, audience) as never, auditReadsFor(schema, policy) as never);
}
