import { roles, type FieldPolicy } from '../../policy/field-policy.js';
import { RELEASER_ROLES } from './release.registry.js';

// The roles that write some classified type; the service checks the record's own type and its originating agency.
export const releasePolicy: FieldPolicy = {
  Mutation: { releaseRecord: roles(...RELEASER_ROLES) },
};
