// Every module's per-request loaders, made fresh for each request by the context builder.
import type { EntityManager } from '@mikro-orm/postgresql';
import { agencyLoaders } from './modules/agency/index.js';
import { bestPracticeLoaders } from './modules/best-practice/index.js';
import { equipmentFundingLoaders } from './modules/equipment-funding/index.js';
import { investigationLoaders } from './modules/investigation/index.js';
import { partnershipActionLoaders } from './modules/partnership-action/index.js';
import { portLoaders } from './modules/port/index.js';
import { referentLoaders } from './modules/referent/index.js';
import { seizureLoaders } from './modules/seizure/index.js';

export function createLoaders(em: EntityManager) {
  return {
    port: portLoaders(em),
    agency: agencyLoaders(em),
    referent: referentLoaders(em),
    seizure: seizureLoaders(em),
    bestPractice: bestPracticeLoaders(em),
    investigation: investigationLoaders(em),
    partnershipAction: partnershipActionLoaders(em),
    equipmentFunding: equipmentFundingLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
