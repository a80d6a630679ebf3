// The subgraph's own policy: the hub gateway withholds `@sensitivity` fields from viewers outside the audience, and
// this subgraph checks the same marks itself, read from its own SDL (the schema is the one place they are written),
// so it is safe behind any router. Reads of audited fields are noted for the national trail (audit.ts).
import { defaultFieldResolver, GraphQLError, isNonNullType, isObjectType, Kind, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
import { inAudience, isAuditedAudience, refusedFieldMessage, type SensitivityAudience } from '../auth/sensitivity.js';
import type { MemberContext } from './loaders.js';

/**
 * What a resolver of a marked field returns for a record the viewer is in the field's audience for but may not read
 * (a row policy, e.g. TargetingAlert.nationalFollowUp): the viewer gets null, as if there were nothing, and the
 * national trail records the read as DENIED.
 */
export const WITHHELD: unique symbol = Symbol('withheld by a row policy');

function audienceOf(directives: readonly ConstDirectiveNode[] = []): SensitivityAudience | null {
  const value = directives.find((d) => d.name.value === 'sensitivity')?.arguments?.find((a) => a.name.value === 'audience')?.value;
  return value?.kind === Kind.ENUM ? (value.value as SensitivityAudience) : null;
}

/** Wraps every marked field's resolver (in place, so Federation's extensions stay) with the audience check. */
export function enforceSensitivity(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const audience = audienceOf(field.astNode?.directives);
      if (!audience) continue;
      // A withheld field is null: a non-null one would null its whole parent instead.
      if (isNonNullType(field.type)) throw new Error(`${type.name}.${field.name} has @sensitivity, so it must be nullable`);
      const resolve = field.resolve ?? defaultFieldResolver;
      const coordinate = `${type.name}.${field.name}`;
      const audited = isAuditedAudience(audience);
      field.resolve = async (source, args, context: MemberContext, info) => {
        const allowed = inAudience(context.viewer, audience);
        const recordId = (source as { id?: unknown } | null)?.id;
        if (!allowed) {
          if (audited) context.reads.note('DENIED', [coordinate], recordId);
          throw new GraphQLError(refusedFieldMessage(type.name, field.name), { extensions: { code: 'FORBIDDEN' } });
        }
        let outcome: 'ALLOWED' | 'DENIED' = 'ALLOWED';
        try {
          const value: unknown = await resolve(source, args, context, info);
          if (value !== WITHHELD) return value;
          outcome = 'DENIED';
          return null;
        } finally {
          // Noted once resolved: a row withheld by a row policy is a refusal, not a read.
          if (audited) context.reads.note(outcome, [coordinate], recordId);
        }
      };
    }
  }
  return schema;
}
