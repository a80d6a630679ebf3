export { PartnershipAction, PartnershipStatus } from './partnership-action.entity.js';
export { PartnershipActionFilter } from './partnership-action.inputs.js';
export { partnershipActionService } from './partnership-action.service.js';
export { partnershipActionWhere, partnershipActionOrder } from './partnership-action.rows.js';
export { partnershipActionLoaders } from './partnership-action.loaders.js';
export { PartnershipActionConnection } from './partnership-action.resolver.js';

import { AgencyPartnershipActionsResolver, PartnershipActionResolver, PortPartnershipActionsResolver } from './partnership-action.resolver.js';
export const partnershipActionResolvers = [PartnershipActionResolver, AgencyPartnershipActionsResolver, PortPartnershipActionsResolver] as const;
export { partnershipActionPolicy } from './partnership-action.rules.js';
export { visiblePartnershipActions } from './partnership-action.visibility.js';
