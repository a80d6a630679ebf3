// Every module's per-request loaders, scoped to the viewer (rows they may not see load as null / are absent), made fresh for each request by the context builder.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer.js';
import { agencyLoaders } from './modules/agency/index.js';
import { bestPracticeLoaders } from './modules/best-practice/index.js';
import { equipmentFundingLoaders } from './modules/equipment-funding/index.js';
import { investigationLoaders } from './modules/investigation/index.js';
import { partnershipActionLoaders } from './modules/partnership-action/index.js';
import { portLoaders } from './modules/port/index.js';
import { referentLoaders } from './modules/referent/index.js';
import { riskIndicatorLoaders } from './modules/risk-indicator/index.js';
import { seizureLoaders } from './modules/seizure/index.js';
import { targetingAlertLoaders } from './modules/targeting-alert/index.js';
import type { HubSettings } from './context.js';

export function createLoaders(em: EntityManager, viewer: Viewer, settings: HubSettings) {
  return {
    port: portLoaders(em, viewer),
    agency: agencyLoaders(em, viewer),
    referent: referentLoaders(em, viewer),
    seizure: seizureLoaders(em, viewer),
    bestPractice: bestPracticeLoaders(em, viewer),
    investigation: investigationLoaders(em, viewer),
    partnershipAction: partnershipActionLoaders(em, viewer),
    equipmentFunding: equipmentFundingLoaders(em, viewer),
    riskIndicator: riskIndicatorLoaders(em, viewer),
    targetingAlert: targetingAlertLoaders(em, viewer, settings),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
