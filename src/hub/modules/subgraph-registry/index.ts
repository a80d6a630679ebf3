export { MemberSubgraph, SubgraphHeader } from './subgraph-registry.entity.js';
export { subgraphRegistryService } from './subgraph-registry.service.js';

import { SubgraphRegistryResolver } from './subgraph-registry.resolver.js';
export const subgraphRegistryResolvers = [SubgraphRegistryResolver] as const;
export { subgraphRegistryPolicy } from './subgraph-registry.rules.js';
