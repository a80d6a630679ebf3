export { BestPractice, BestPracticeCategory } from './best-practice.entity.js';
export { BestPracticeFilter } from './best-practice.inputs.js';
export { bestPracticeService } from './best-practice.service.js';
export { bestPracticeWhere, bestPracticeOrder } from './best-practice.rows.js';
export { bestPracticeLoaders } from './best-practice.loaders.js';
export { BestPracticeConnection } from './best-practice.resolver.js';

import { AgencyBestPracticesResolver, BestPracticeResolver, PortBestPracticesResolver } from './best-practice.resolver.js';
export const bestPracticeResolvers = [BestPracticeResolver, PortBestPracticesResolver, AgencyBestPracticesResolver] as const;
export { bestPracticePolicy } from './best-practice.rules.js';
export { visibleBestPractices } from './best-practice.visibility.js';
