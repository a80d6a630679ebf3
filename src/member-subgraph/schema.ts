// The subgraph's SDL: the alliance's entities it extends (Port by UN/LOCODE, Seizure and TargetingAlert by id) and the national
// types it adds. It only ADDS fields: the core owns Port.name and the rest, and composition refuses a subgraph
// that redefines them. Every field the policy may withhold is nullable, so withholding it breaks nothing.
import { parse, type DocumentNode } from 'graphql';
import { FEDERATION_WITH_POLICY } from '../auth/sensitivity.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const NATIONAL_SDL = `
"UN/LOCODE: ISO 3166-1 alpha-2 country code + 3 characters (A-Z, 2-9), e.g. BEANR. Same scalar as the core's."
scalar UnLocode
"A calendar date written YYYY-MM-DD."
scalar LocalDate
"ISO 6346 container number (owner code, category, serial, check digit), e.g. CSQU3054383."
scalar ContainerNumber
"Exact decimal written as a string (never a float), e.g. \\"0.1250\\"."
scalar Decimal

type Query {
  "The national unit that publishes this subgraph: public directory information, readable by anyone. Null while this subgraph cannot answer (a member subgraph that is down must not take the rest of an answer with it)."
  nationalUnit: NationalUnit
}

"A member state's national port control unit (fictional in the demo)."
type NationalUnit {
  name: String!
  "ISO 3166-1 alpha-2 code of its member state (XX: the demo's fictional state)."
  country: String!
  "The ports it publishes national data for (UN/LOCODEs, sorted)."
  ports: [UnLocode!]!
}

"A port of the alliance graph, extended with this member state's national data."
type Port @key(fields: "unlocode") {
  unlocode: UnLocode!
  "Container targeting results of the national port control unit for the port (any signed-in member); null when it has none."
  nationalTargeting: NationalTargetingSummary @sensitivity(audience: ALLIANCE)
  "Targeting alerts the national unit raised at the port, most recent first (law enforcement only)."
  nationalAlerts(
    "Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})."
    first: Int = ${DEFAULT_PAGE_SIZE}
    "The endCursor of the previous page."
    after: String
  ): NationalAlertConnection @sensitivity(audience: LAW_ENFORCEMENT)
}

"A drug seizure reported to the alliance, extended with the national unit's follow-up."
type Seizure @key(fields: "id") {
  id: ID!
  "What the national unit did after the seizure (law enforcement only); null when it recorded nothing."
  nationalFollowUp: NationalFollowUp @sensitivity(audience: LAW_ENFORCEMENT)
}

"A targeting alert of the referents' network (the core's), extended with the national unit's follow-up."
type TargetingAlert @key(fields: "id") {
  id: ID!
  "What the national unit did with the alert (law enforcement only): served only to members of the agency the alert was addressed to and the unit follows it up for; null otherwise, or when it recorded nothing."
  nationalFollowUp: NationalAlertFollowUp @sensitivity(audience: LAW_ENFORCEMENT)
}

"Container targeting over one period at one port (synthetic in the demo)."
type NationalTargetingSummary {
  periodStart: LocalDate!
  periodEnd: LocalDate!
  containersScreened: Int!
  "Containers the risk analysis flagged for control."
  containersFlagged: Int!
  inspections: Int!
  "Inspections that found drugs or other illicit goods."
  hits: Int!
  "hits / inspections, 4 decimals; null when there was no inspection."
  hitRate: Decimal
}

enum NationalRiskLevel { LOW MEDIUM HIGH }
enum NationalAlertStatus { OPEN INSPECTED CLEARED SEIZED }

"A targeting alert on one container."
type NationalAlert {
  "The national unit's reference (DEMO-ALERT-… in the demo)."
  reference: String!
  raisedOn: LocalDate!
  containerNumber: ContainerNumber!
  riskLevel: NationalRiskLevel!
  reason: String!
  status: NationalAlertStatus!
}

type NationalAlertEdge {
  cursor: String!
  node: NationalAlert!
}

"A page of NationalAlert records."
type NationalAlertConnection {
  edges: [NationalAlertEdge!]!
  pageInfo: PageInfo!
  "Alerts at the port across all pages."
  totalCount: Int!
}

"Relay-style page information (the same type as the core's, hence shareable)."
type PageInfo @shareable {
  hasNextPage: Boolean!
  "Always false: pages are read forwards from the first one."
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}

enum NationalAlertFollowUpStatus {
  "Received by the national targeting system, not yet assessed."
  RECEIVED
  "An inspection is booked (see inspectionSlot)."
  INSPECTION_SCHEDULED
  "Inspected; nothing illicit found."
  INSPECTED_NOTHING_FOUND
  "Inspected; illicit goods found (a seizure follows in the alliance graph)."
  INSPECTED_SEIZURE
  "Not inspected (reason in remarks)."
  NOT_INSPECTED
}

"When the container is booked for inspection, in the port's local time."
type NationalInspectionSlot {
  date: LocalDate!
  "HH:MM"
  startsAt: String!
  "HH:MM"
  endsAt: String!
}

"The national unit's follow-up of an alliance targeting alert (synthetic in the demo)."
type NationalAlertFollowUp {
  "The national system's case reference (DEMO-CASE-… in the demo)."
  caseReference: String!
  status: NationalAlertFollowUpStatus!
  "What the national unit did, oldest first (at most a few dozen)."
  actions: [String!]!
  "Null when no inspection is booked."
  inspectionSlot: NationalInspectionSlot
  remarks: String
  updatedOn: LocalDate!
}

enum NationalFollowUpStatus { UNDER_INVESTIGATION REFERRED_TO_PROSECUTOR CLOSED }

type NationalFollowUp {
  status: NationalFollowUpStatus!
  "The prosecutor's case reference (DEMO-… in the demo); null until referred."
  prosecutorCaseReference: String
  notes: String
  updatedOn: LocalDate!
}
`;

/** The SDL as the hub composes it (no running server needed): the policy header, then the national types. */
export const memberSubgraphSdl = `${FEDERATION_WITH_POLICY}\n${NATIONAL_SDL}`;
export const memberSubgraphTypeDefs: DocumentNode = parse(memberSubgraphSdl);
