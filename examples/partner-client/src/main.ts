// What a terminal operator's front-end asks the alliance hub, with persisted operations only:
//   HUB_URL=http://localhost:4000/graphql HUB_TOKEN=$(npm run --silent token -- --role PARTNER --agency DEMO-TERMINAL-BE) \
//     npm run partner-client
// Settings: HUB_URL (default http://localhost:4000/graphql), HUB_TOKEN (required: the partner's token),
// PARTNER_PORT (a UN/LOCODE; default: the first port the partner's agency serves).
import { BestPracticesDocument, BestPracticeTextDocument, PartnerAgencyDocument, PortLookupDocument, PortSeizuresDocument } from './gql/graphql.js';
import { hubClient, HubRequestError, type HubError, type HubResult } from './hub-client.js';

/** The `agency` claim of the partner's token (its code or id), read without verifying: the hub verifies it. */
function agencyClaim(token: string): string {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { agency?: unknown };
    if (typeof payload.agency === 'string' && payload.agency) return payload.agency;
  } catch {
    // fall through
  }
  throw new Error('HUB_TOKEN is not a JWT with an "agency" claim');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function warnings(errors: HubError[]): void {
  for (const error of errors) console.log(`  ! ${error.extensions?.code ?? 'ERROR'} at ${error.path?.join('.') ?? '(request)'}: ${error.message}`);
}

function show<T>(title: string, result: HubResult<T>): T {
  console.log(`\n== ${title}`);
  warnings(result.errors);
  return result.data;
}

async function main(): Promise<void> {
  const url = process.env.HUB_URL || 'http://localhost:4000/graphql';
  const token = process.env.HUB_TOKEN;
  if (!token) throw new Error('Set HUB_TOKEN to the partner\'s token, e.g. `npm run --silent token -- --role PARTNER --agency DEMO-TERMINAL-BE`');
  const hub = hubClient({ url, token });
  const claim = agencyClaim(token);

  const { agency } = show('Our agency', await hub.request(PartnerAgencyDocument, UUID.test(claim) ? { id: claim } : { code: claim }));
  console.log(`${agency.name} (${agency.code}, ${agency.kind}${agency.country ? `, ${agency.country}` : ''})`);
  console.log(`Ports served: ${agency.ports.edges.map((e) => `${e.node.unlocode} ${e.node.name}`).join(', ') || 'none'}`);
  console.log(`\nPartnership actions we take part in (${agency.partnershipActions.totalCount}):`);
  for (const { node: action } of agency.partnershipActions.edges) {
    const ports = action.ports.edges.map((e) => e.node.unlocode).join(', ');
    console.log(`- ${action.title} [${action.status}, TLP:${action.tlp}] coordinated by ${action.coordinatingAgency.code}${ports ? `, ports ${ports}` : ''}`);
    for (const commitment of action.commitments) console.log(`    · ${commitment}`);
  }

  const unlocode = process.env.PARTNER_PORT || agency.ports.edges[0]?.node.unlocode;
  if (unlocode) {
    const { port } = show(`Port ${unlocode}`, await hub.request(PortLookupDocument, { unlocode }));
    console.log(`${port.name} (${port.unlocode}, ${port.country}${port.overseas ? ', overseas' : ''}), alliance member ${port.memberSince ? `since ${port.memberSince}` : 'no'}`);
    console.log(`Agencies: ${port.agencies.edges.map((e) => `${e.node.code} (${e.node.kind})`).join(', ')}`);

    const { seizures } = show(`Seizures at ${unlocode} we may see (basic facts)`, await hub.request(PortSeizuresDocument, { port: unlocode, first: 10 }));
    console.log(`${seizures.totalCount} in all (published figure), latest:`);
    for (const { node: s } of seizures.edges) {
      console.log(`- ${s.seizedOn} ${s.reference}: ${s.quantity} ${s.unit} ${s.drugType}, detected by ${s.detectionMethod} [TLP:${s.tlp}]`);
    }
  }

  const { bestPractices } = show('Best practices', await hub.request(BestPracticesDocument, { first: 5 }));
  for (const { node: p } of bestPractices.edges) console.log(`- [${p.category}, ${p.language}, TLP:${p.tlp}] ${p.title} (${p.authorAgency.code})`);
  const first = bestPractices.edges[0]?.node;
  if (first) {
    const { bestPractice } = show(`"${first.title}" in full`, await hub.request(BestPracticeTextDocument, { id: first.id }));
    console.log(bestPractice.body ?? '(no text)');
  }
}

main().catch((error: unknown) => {
  if (error instanceof HubRequestError) console.error(`The hub refused: ${error.message} (HTTP ${error.status})`);
  else console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
