/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What kind of organisation an agency is. */
export type AgencyKind =
  | 'COORDINATION_BODY'
  | 'CUSTOMS'
  | 'EU_BODY'
  | 'JUDICIAL'
  | 'POLICE'
  | 'PORT_AUTHORITY'
  | 'PRIVATE_OPERATOR';

/** Concealment method / modus operandi. */
export type Concealment =
  | 'CONTAINER_STRUCTURE'
  | 'EXTRACTION_TEAM'
  | 'HIDDEN_IN_CARGO'
  | 'INSIDER_HELP'
  | 'PIN_CODE_FRAUD'
  | 'REEFER_UNIT'
  | 'RIP_ON_RIP_OFF'
  | 'VESSEL_HULL_OR_SEA_CHEST';

export type DetectionMethod =
  | 'DETECTION_DOG'
  | 'INTELLIGENCE'
  | 'RANDOM_CONTROL'
  | 'RISK_ANALYSIS'
  | 'SCANNER';

export type DrugType =
  | 'AMPHETAMINE'
  | 'CANNABIS_RESIN'
  | 'COCAINE'
  | 'HERBAL_CANNABIS'
  | 'HEROIN'
  | 'MDMA'
  | 'METHAMPHETAMINE'
  | 'NEW_PSYCHOACTIVE_SUBSTANCES'
  | 'PRECURSORS';

/** Filters for seizure lists; all given filters must match, a list matches any of its values. */
export type SeizureFilter = {
  /** Reported by any of these agencies. */
  agencyIds?: Array<string | number> | null | undefined;
  concealments?: Array<Concealment> | null | undefined;
  containerNumber?: string | null | undefined;
  /** Country of the seizure's port. */
  country?: string | null | undefined;
  drugTypes?: Array<DrugType> | null | undefined;
  /** Include withdrawn seizures (default false). */
  includeWithdrawn?: boolean | null | undefined;
  /** Seized in any of these ports. */
  ports?: Array<string> | null | undefined;
  /** Seized on or after this date. */
  seizedFrom?: string | null | undefined;
  /** Seized on or before this date. */
  seizedTo?: string | null | undefined;
  tlps?: Array<Tlp> | null | undefined;
};

/** Traffic Light Protocol 2.0 label. */
export type Tlp =
  /** TLP:AMBER — law-enforcement members (public authorities). */
  | 'AMBER'
  /** TLP:AMBER+STRICT — only the originating agency. */
  | 'AMBER_STRICT'
  /** TLP:CLEAR — anyone. */
  | 'CLEAR'
  /** TLP:GREEN — any authenticated alliance member. */
  | 'GREEN'
  /** TLP:RED — only the agencies named on the record. */
  | 'RED';

export type DashboardMonthlyQueryVariables = Exact<{
  filter: SeizureFilter;
  cells: number;
  months: number;
}>;


export type DashboardMonthlyQuery = { cells: { suppressedBuckets: number, hasMoreBuckets: boolean, buckets: Array<{ month: string | null, drugType: DrugType | null, seizures: number }> }, months: { suppressedBuckets: number, hasMoreBuckets: boolean, buckets: Array<{ month: string | null, seizures: number }> } };

export type DashboardPortsQueryVariables = Exact<{
  filter: SeizureFilter;
}>;


export type DashboardPortsQuery = { seizureStatistics: { suppressedBuckets: number, hasMoreBuckets: boolean, buckets: Array<{ seizures: number, quantityKg: string | null, port: { unlocode: string, name: string } | null }> } };

export type DashboardDetectionQueryVariables = Exact<{
  filter: SeizureFilter;
}>;


export type DashboardDetectionQuery = { seizureStatistics: { suppressedBuckets: number, buckets: Array<{ detectionMethod: DetectionMethod | null, seizures: number, quantityKg: string | null }> } };

export type DevSignInAgenciesQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type DevSignInAgenciesQuery = { agencies: { edges: Array<{ node: { code: string, name: string, kind: AgencyKind } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };


export const DashboardMonthlyDocument = {"__meta__":{"hash":"sha256:f2e04599f9179fa24cd2aae73a0b5f868b38b1e9c94c057de86a3fe776932947"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardMonthly"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SeizureFilter"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cells"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"months"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"cells"},"name":{"kind":"Name","value":"seizureStatistics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"MONTH"},{"kind":"EnumValue","value":"DRUG_TYPE"}]}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cells"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suppressedBuckets"}},{"kind":"Field","name":{"kind":"Name","value":"hasMoreBuckets"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"drugType"}},{"kind":"Field","name":{"kind":"Name","value":"seizures"}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"months"},"name":{"kind":"Name","value":"seizureStatistics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"MONTH"}]}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"months"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suppressedBuckets"}},{"kind":"Field","name":{"kind":"Name","value":"hasMoreBuckets"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"seizures"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardMonthlyQuery, DashboardMonthlyQueryVariables>;
export const DashboardPortsDocument = {"__meta__":{"hash":"sha256:669c3ca1bdf365211b7db70bb976df8908b60f3435ce87dbc2160b304f0562d4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardPorts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SeizureFilter"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seizureStatistics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"PORT"}]}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suppressedBuckets"}},{"kind":"Field","name":{"kind":"Name","value":"hasMoreBuckets"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"port"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlocode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"seizures"}},{"kind":"Field","name":{"kind":"Name","value":"quantityKg"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardPortsQuery, DashboardPortsQueryVariables>;
export const DashboardDetectionDocument = {"__meta__":{"hash":"sha256:9648be4aaa636a76b99aec343f5da48b78fb4770eac32a16d745bbf188767a56"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardDetection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SeizureFilter"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seizureStatistics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"DETECTION_METHOD"}]}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suppressedBuckets"}},{"kind":"Field","name":{"kind":"Name","value":"buckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"detectionMethod"}},{"kind":"Field","name":{"kind":"Name","value":"seizures"}},{"kind":"Field","name":{"kind":"Name","value":"quantityKg"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardDetectionQuery, DashboardDetectionQueryVariables>;
export const DevSignInAgenciesDocument = {"__meta__":{"hash":"sha256:36c89e331f0e22af0a066f6ef70992c82e6625951ed354036798c01d6b4ed6f8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DevSignInAgencies"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agencies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DevSignInAgenciesQuery, DevSignInAgenciesQueryVariables>;