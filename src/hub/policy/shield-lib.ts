// graphql-shield 7.6.5's ES-module build imports `isUndefined` from node:util, which Node 24 no longer has, so
// importing it fails at link time. Its CommonJS build reads that helper only inside chain() and race(), which
// the hub does not use. Everything in the hub takes graphql-shield from here, and graphql-middleware too: the
// shield's CommonJS build makes its middleware with graphql-middleware's CommonJS build, and applyMiddleware
// only recognises middleware made by its own copy.
import { createRequire } from 'node:module';
import type * as GraphQLMiddleware from 'graphql-middleware';
import type * as GraphQLShield from 'graphql-shield';

const load = createRequire(import.meta.url);
const lib = load('graphql-shield') as typeof GraphQLShield;

export const { shield, rule, allow, deny, and, or, not } = lib;
export const { applyMiddleware } = load('graphql-middleware') as typeof GraphQLMiddleware;
export type { IRules } from 'graphql-shield';
/** A rule or logic rule (allow, deny, and/or…): the value type of a shield field map. */
export type ShieldRule = Extract<GraphQLShield.IRules, { resolve: unknown }> | typeof lib.allow;
