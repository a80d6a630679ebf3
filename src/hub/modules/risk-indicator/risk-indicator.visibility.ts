import type { FilterQuery } from '@mikro-orm/postgresql';
import { isLawEnforcement } from '../../../auth/audience.js';
import type { Viewer } from '../../../auth/viewer.js';
import { ClassifiedRecordType } from '../../common/enums.js';
import { noRows, originOnly, visibleRows } from '../../policy/tlp.js';
import type { RiskIndicator } from './risk-indicator.entity.js';

/**
 * Risk criteria are operational details (DOMAIN.md): law enforcement only, at any label, filtered here in the SQL.
 * Within it, the label decides (policy/tlp.ts); RED indicators: the owner agency only.
 */
export function visibleRiskIndicators(viewer: Viewer): FilterQuery<RiskIndicator> {
  if (!isLawEnforcement(viewer)) return noRows<RiskIndicator>();
  return visibleRows<RiskIndicator>(viewer, originOnly, ClassifiedRecordType.RISK_INDICATOR);
}
