// The one shield: per-module rule maps merged, deny by default, and errors that reveal nothing.
import { GraphQLError } from 'graphql';
import { deny, shield, type IRules } from './policy/shield-lib.js';
import { forbidden } from './policy/rules.js';

/** Merges the modules' maps type by type; a field given two rules is a programming error. */
export function mergeRules(maps: readonly IRules[]): Record<string, Record<string, unknown>> {
  const merged: Record<string, Record<string, unknown>> = {};
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

export function hubShield(maps: readonly IRules[]) {
  return shield(mergeRules(maps) as IRules, {
    fallbackRule: deny,
    allowExternalErrors: false,
    // A refused rule gives FORBIDDEN. Errors thrown by resolvers pass as they are: the hub's own (GraphQLError
    // with a public code) are meant for the client, anything else is masked by formatError with a reference.
    fallbackError: (error, _parent, _args, _ctx, info) => {
      if (error instanceof Error) return error instanceof GraphQLError ? error : new GraphQLError('Internal error', { originalError: error });
      return forbidden(info);
    },
  });
}
