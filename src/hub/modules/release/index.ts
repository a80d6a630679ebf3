export { CLASSIFIED_TYPES, classifiedType, type ClassifiedType } from './release.registry.js';
export { ReleaseRecordInput } from './release.inputs.js';

import { ReleaseResolver } from './release.resolver.js';
export const releaseResolvers = [ReleaseResolver] as const;
export { releasePolicy } from './release.rules.js';
