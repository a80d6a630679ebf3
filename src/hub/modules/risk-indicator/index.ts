export { RiskIndicator, type Descriptions } from './risk-indicator.entity.js';
export { RiskIndicatorFilter, LocalizedText } from './risk-indicator.inputs.js';
export { riskIndicatorService } from './risk-indicator.service.js';
export { riskIndicatorLoaders } from './risk-indicator.loaders.js';
export { visibleRiskIndicators } from './risk-indicator.visibility.js';

import { RiskIndicatorResolver } from './risk-indicator.resolver.js';
export const riskIndicatorResolvers = [RiskIndicatorResolver] as const;
export { riskIndicatorPolicy } from './risk-indicator.rules.js';
