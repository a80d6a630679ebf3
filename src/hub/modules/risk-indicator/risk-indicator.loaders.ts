import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../../auth/viewer.js';
import { byKeyLoader } from '../../common/loaders.js';
import { RiskIndicator } from './risk-indicator.entity.js';
import { visibleRiskIndicators } from './risk-indicator.visibility.js';

export function riskIndicatorLoaders(em: EntityManager, viewer: Viewer) {
  const visible = visibleRiskIndicators(viewer);
  return {
    byId: byKeyLoader(em, RiskIndicator, 'id', visible),
    byCode: byKeyLoader(em, RiskIndicator, 'code', visible),
  };
}
