// graphql-shield 7.6.5's ES-module build imports `isUndefined` from node:util, which Node 24 no longer has, so
// importing it fails at link time. Its CommonJS build reads that helper only inside chain() and race(), which
// the hub does not use. Everything in the hub takes graphql-shield from here.
import { createRequire } from 'node:module';
import type * as GraphQLShield from 'graphql-shield';

const load = createRequire(import.meta.url);
const lib = load('graphql-shield') as typeof GraphQLShield;

export const { shield, rule, allow, deny, and, or, not } = lib;
export type { IRules } from 'graphql-shield';
