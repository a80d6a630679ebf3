// Federation reference resolvers: how this subgraph turns `{ __typename, id }` (or a port's `unlocode`) into a
// row. They go through the request's viewer-scoped loaders, so `_entities` obeys the same row policy as every
// other path (a row the viewer may not see resolves to null), in one batched query per type.
import type { HubContext } from './context.js';

type Reference = { id?: string; unlocode?: string };

export const referenceResolvers = {
  Port: { __resolveReference: (ref: Reference, ctx: HubContext) => (ref.id ? ctx.loaders.port.byId.load(ref.id) : ctx.loaders.port.byUnlocode.load(ref.unlocode ?? '')) },
  Agency: { __resolveReference: (ref: Reference, ctx: HubContext) => ctx.loaders.agency.byId.load(ref.id ?? '') },
  Referent: { __resolveReference: (ref: Reference, ctx: HubContext) => ctx.loaders.referent.byId.load(ref.id ?? '') },
  Seizure: { __resolveReference: (ref: Reference, ctx: HubContext) => ctx.loaders.seizure.byId.load(ref.id ?? '') },
  BestPractice: { __resolveReference: (ref: Reference, ctx: HubContext) => ctx.loaders.bestPractice.byId.load(ref.id ?? '') },
  Investigation: { __resolveReference: (ref: Reference, ctx: HubContext) => ctx.loaders.investigation.byId.load(ref.id ?? '') },
  PartnershipAction: { __resolveReference: (ref: Reference, ctx: HubContext) => ctx.loaders.partnershipAction.byId.load(ref.id ?? '') },
  TargetingAlert: { __resolveReference: (ref: Reference, ctx: HubContext) => ctx.loaders.targetingAlert.byId.load(ref.id ?? '') },
  EquipmentFunding: { __resolveReference: (ref: Reference, ctx: HubContext) => ctx.loaders.equipmentFunding.byId.load(ref.id ?? '') },
};
