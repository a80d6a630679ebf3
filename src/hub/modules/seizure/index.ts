export { Seizure, DrugType, QuantityUnit, Concealment, DetectionMethod } from './seizure.entity.js';
export { SeizureFilter } from './seizure.inputs.js';
export { seizureService } from './seizure.service.js';
export { seizureWhere, seizureCellsWhere, seizureOrder, type SeizureCells } from './seizure.rows.js';
export { cellsAndReleasedRows } from './seizure.counts.js';
export { SeizureRollup } from './seizure-rollup.entity.js';
export { seizureLoaders } from './seizure.loaders.js';
export { SeizureConnection } from './seizure.resolver.js';

import { AgencySeizuresResolver, InvestigationSeizuresResolver, PortSeizuresResolver, SeizureResolver } from './seizure.resolver.js';
export const seizureResolvers = [SeizureResolver, PortSeizuresResolver, AgencySeizuresResolver, InvestigationSeizuresResolver] as const;
export { seizurePolicy } from './seizure.rules.js';
export { visibleSeizures } from './seizure.visibility.js';
