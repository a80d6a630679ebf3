// Every mutation field's resolver runs inside AuditTrail.during, so the transaction it opens (mutations.ts) knows
// which change to audit, with the ids its input names. Wrapped here once for the whole schema, not per module.
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { DATABASE_BUSY, DatabaseBusyError, DatabaseUnavailableError, databaseFault, writeOutcomeOf } from '../../../db/availability.js';
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
        // A fault that says nothing of the change (met in its lookups, or a full pool): certainly nothing was written.
        const fault = databaseFault(error);
        if (!fault || writeOutcomeOf(error)) throw error;
        throw fault === DATABASE_BUSY ? new DatabaseBusyError('NOT_APPLIED') : new DatabaseUnavailableError('NOT_APPLIED', { cause: error });
      }
    };
  }
}
