// The subgraph's own policy: the hub gateway withholds `@sensitivity` fields from viewers outside the audience, and
// this subgraph checks the same marks itself, read from its own SDL (the schema is the one place they are written),
// so it is safe behind any router. Reads of audited fields are noted for the national trail (audit.ts).
import { defaultFieldResolver, GraphQLError, isNonNullType, isObjectType, Kind, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
import { inAudience, isAuditedAudience, refusedFieldMessage, type SensitivityAudience } from '../auth/sensitivity.js';
import type { MemberContext } from './loaders.js';

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
      field.resolve = (source, args, context: MemberContext, info) => {
        const allowed = inAudience(context.viewer, audience);
        if (audited) context.reads.note(allowed ? 'ALLOWED' : 'DENIED', [coordinate], (source as { id?: unknown } | null)?.id);
        if (!allowed) throw new GraphQLError(refusedFieldMessage(type.name, field.name), { extensions: { code: 'FORBIDDEN' } });
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
