// The one shield: per-module rule maps merged, deny by default, and errors that reveal nothing. Plus the audit
// of reads, applied where records enter the response (audit.reads.ts).
//
// Speed by design: rows a viewer may not see never reach a field (SQL filtered them), so most fields are `allow`
// and are left unwrapped; viewer-only rules are decided per audience when the schema is built, so a field
// wrapper is left only where something is refused or depends on the row or the roles.
import { GraphQLError, isObjectType, type GraphQLSchema } from 'graphql';
import type { ViewerAudience } from '../auth/audience.js';
import { auditReadsMiddleware, type FieldAudience } from './modules/audit/audit.reads.js';
import { fieldForbidden, lawEnforcement, member } from './policy/rules.js';
import { allow, applyMiddleware, deny, shield, type IRules } from './policy/shield-lib.js';

type RuleMap = Record<string, Record<string, unknown>>;

/** Merges the modules' maps type by type; a field given two rules is a programming error. */
export function mergeRules(maps: readonly IRules[]): RuleMap {
  const merged: RuleMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const target = (merged[type] ??= {});
      for (const [field, fieldRule] of Object.entries(fields as Record<string, unknown>)) {
        if (field in target) throw new Error(`Two rules for ${type}.${field}`);
        target[field] = fieldRule;
      }
    }
  }
  return merged;
}

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

/**
 * The rules as seen by one audience: the viewer-only rules `member` and `lawEnforcement` are decided here, once,
 * into `allow` or `deny`; everything else (role rules, rules that read the row) stays a rule evaluated per request.
 */
function forAudience(rules: RuleMap, audience: ViewerAudience): RuleMap {
  const decided = new Map<unknown, unknown>([
    [member, audience === 'ANONYMOUS' ? deny : allow],
    [lawEnforcement, audience === 'LAW_ENFORCEMENT' ? allow : deny],
  ]);
  return Object.fromEntries(Object.entries(rules).map(([type, fields]) => [
    type,
    Object.fromEntries(Object.entries(fields).map(([field, fieldRule]) => [field, decided.get(fieldRule) ?? fieldRule])),
  ]));
}

/** The shield's field wrappers for one audience (viewer-only rules already decided, `allow` fields left bare). */
export function shieldFor(schema: GraphQLSchema, maps: readonly IRules[], audience: ViewerAudience): RuleMap {
  const audienceRules = forAudience(mergeRules(maps), audience);
  const shieldMap = hubShield(audienceRules).generate(schema) as RuleMap;
  // An `allow` wrapper decides nothing and costs an async hop on every value of the field (thousands per list):
  // those fields are left unwrapped. Every other field, and every field without a rule (deny), stays guarded.
  for (const [type, fields] of Object.entries(shieldMap)) {
    for (const field of Object.keys(fields)) if (audienceRules[type]?.[field] === allow) delete fields[field];
  }
  return shieldMap;
}

/** The audit of reads: records of AMBER-or-above types and law-enforcement-only fields, noted as they are served. */
export function auditReadsFor(schema: GraphQLSchema, maps: readonly IRules[]) {
  const rules = mergeRules(maps);
  const audienceOf = (type: string, field: string): FieldAudience =>
    rules[type]?.[field] === lawEnforcement ? 'lawEnforcement' : rules[type]?.[field] === member ? 'member' : 'other';
  const audited = (typeName: string) => {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) return false;
    const fields = Object.keys(type.getFields());
    return fields.includes('tlp') || fields.some((f) => audienceOf(typeName, f) === 'lawEnforcement');
  };
  return auditReadsMiddleware(schema, audited, audienceOf);
}

/** Guards `schema` for one audience with the rules, and audits its reads: the only way the hub serves a schema. */
export function guard(schema: GraphQLSchema, maps: readonly IRules[], audience: ViewerAudience): GraphQLSchema {
  return applyMiddleware(schema, shieldFor(schema, maps, audience) as never, auditReadsFor(schema, maps) as never);
}
