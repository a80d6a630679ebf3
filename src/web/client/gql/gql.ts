/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query DashboardMonthly($filter: SeizureFilter!, $cells: Int!, $months: Int!) {\n  cells: seizureStatistics(\n    groupBy: [MONTH, DRUG_TYPE]\n    filter: $filter\n    first: $cells\n  ) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      month\n      drugType\n      seizures\n    }\n  }\n  months: seizureStatistics(groupBy: [MONTH], filter: $filter, first: $months) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      month\n      seizures\n    }\n  }\n}\n\nquery DashboardPorts($filter: SeizureFilter!) {\n  seizureStatistics(groupBy: [PORT], filter: $filter, first: 500) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      port {\n        unlocode\n        name\n      }\n      seizures\n      quantityKg\n    }\n  }\n}\n\nquery DashboardDetection($filter: SeizureFilter!) {\n  seizureStatistics(groupBy: [DETECTION_METHOD], filter: $filter, first: 20) {\n    suppressedBuckets\n    buckets {\n      detectionMethod\n      seizures\n      quantityKg\n    }\n  }\n}": typeof types.DashboardMonthlyDocument,
    "query DevSignInAgencies($after: String) {\n  agencies(first: 100, after: $after) {\n    edges {\n      node {\n        code\n        name\n        kind\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.DevSignInAgenciesDocument,
};
const documents: Documents = {
    "query DashboardMonthly($filter: SeizureFilter!, $cells: Int!, $months: Int!) {\n  cells: seizureStatistics(\n    groupBy: [MONTH, DRUG_TYPE]\n    filter: $filter\n    first: $cells\n  ) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      month\n      drugType\n      seizures\n    }\n  }\n  months: seizureStatistics(groupBy: [MONTH], filter: $filter, first: $months) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      month\n      seizures\n    }\n  }\n}\n\nquery DashboardPorts($filter: SeizureFilter!) {\n  seizureStatistics(groupBy: [PORT], filter: $filter, first: 500) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      port {\n        unlocode\n        name\n      }\n      seizures\n      quantityKg\n    }\n  }\n}\n\nquery DashboardDetection($filter: SeizureFilter!) {\n  seizureStatistics(groupBy: [DETECTION_METHOD], filter: $filter, first: 20) {\n    suppressedBuckets\n    buckets {\n      detectionMethod\n      seizures\n      quantityKg\n    }\n  }\n}": types.DashboardMonthlyDocument,
    "query DevSignInAgencies($after: String) {\n  agencies(first: 100, after: $after) {\n    edges {\n      node {\n        code\n        name\n        kind\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.DevSignInAgenciesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardMonthly($filter: SeizureFilter!, $cells: Int!, $months: Int!) {\n  cells: seizureStatistics(\n    groupBy: [MONTH, DRUG_TYPE]\n    filter: $filter\n    first: $cells\n  ) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      month\n      drugType\n      seizures\n    }\n  }\n  months: seizureStatistics(groupBy: [MONTH], filter: $filter, first: $months) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      month\n      seizures\n    }\n  }\n}\n\nquery DashboardPorts($filter: SeizureFilter!) {\n  seizureStatistics(groupBy: [PORT], filter: $filter, first: 500) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      port {\n        unlocode\n        name\n      }\n      seizures\n      quantityKg\n    }\n  }\n}\n\nquery DashboardDetection($filter: SeizureFilter!) {\n  seizureStatistics(groupBy: [DETECTION_METHOD], filter: $filter, first: 20) {\n    suppressedBuckets\n    buckets {\n      detectionMethod\n      seizures\n      quantityKg\n    }\n  }\n}"): (typeof documents)["query DashboardMonthly($filter: SeizureFilter!, $cells: Int!, $months: Int!) {\n  cells: seizureStatistics(\n    groupBy: [MONTH, DRUG_TYPE]\n    filter: $filter\n    first: $cells\n  ) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      month\n      drugType\n      seizures\n    }\n  }\n  months: seizureStatistics(groupBy: [MONTH], filter: $filter, first: $months) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      month\n      seizures\n    }\n  }\n}\n\nquery DashboardPorts($filter: SeizureFilter!) {\n  seizureStatistics(groupBy: [PORT], filter: $filter, first: 500) {\n    suppressedBuckets\n    hasMoreBuckets\n    buckets {\n      port {\n        unlocode\n        name\n      }\n      seizures\n      quantityKg\n    }\n  }\n}\n\nquery DashboardDetection($filter: SeizureFilter!) {\n  seizureStatistics(groupBy: [DETECTION_METHOD], filter: $filter, first: 20) {\n    suppressedBuckets\n    buckets {\n      detectionMethod\n      seizures\n      quantityKg\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DevSignInAgencies($after: String) {\n  agencies(first: 100, after: $after) {\n    edges {\n      node {\n        code\n        name\n        kind\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query DevSignInAgencies($after: String) {\n  agencies(first: 100, after: $after) {\n    edges {\n      node {\n        code\n        name\n        kind\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;