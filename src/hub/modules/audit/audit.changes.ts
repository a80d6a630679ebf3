// Every mutation field's resolver runs inside AuditTrail.during, so the transaction it opens (mutations.ts) knows
// which change to audit, with the ids its input names. Wrapped here once for the whole schema, not per module.
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { DATABASE_UNAVAILABLE, DatabaseUnavailableError, databaseFault, writeOutcomeOf } from '../../../db/availability.js';
import type { HubContext } from '../../context.js';

export function auditChanges(schema: GraphQLSchema): void {
  const mutation = schema.getMutationType();
  if (!mutation) return;
  for (const field of Object.values(mutation.getFields())) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, ctx: HubContext, info) => {
      try {
        return await ctx.audit.during(`Mutation.${info.fieldName}`, info.path.key as string, args.input, async () => resolve(source, args, ctx, info));
      } catch (error) {
        // An outage met before the change's transaction (its lookups): certainly nothing was written.
        if (databaseFault(error) === DATABASE_UNAVAILABLE && !writeOutcomeOf(error)) throw new DatabaseUnavailableError('NOT_APPLIED', { cause: error });
        throw error;
      }
    };
  }
}
