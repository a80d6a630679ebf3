// targetingStatistics: alerts, controls, seizures, hit rate and median hours to control per risk indicator and per
// port of loading, checked against figures computed here from the alerts the test makes.
import { Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import type { RiskIndicator } from '../src/hub/modules/risk-indicator/index.js';
import { ControlOutcome, ControlResult, NotControlledReason, TargetingAlertStatus } from '../src/hub/modules/targeting-alert/index.js';
import { TargetingStatisticsDocument, type TargetingStatisticsQuery } from './generated/operations.js';
import { Factories } from './support/factories.js';
import { startTestHub, type Client, type TestHub } from './support/hub.js';

const HOUR = 3_600_000;
const LOADING = ['ECGYE', 'BRSSZ', 'CIABJ'] as const;

let hub: TestHub;
let make: Factories;
let be: Agency;
let nl: Agency;
let analyst: Client; // Belgian customs
let nlAnalyst: Client; // Dutch customs: owns the RED indicator
let partner: Client;

/** What the test made, alert by alert: the facts the statistics are drawn from. */
interface Made {
  loading: string;
  indicators: string[];
  controlled: boolean;
  seizure: boolean;
  hours: number | null;
  red: boolean;
}
const made: Made[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  make = new Factories(hub.orm);
  const ports: Record<string, Port> = {};
  for (const [unlocode, country] of [['ECGYE', 'EC'], ['BRSSZ', 'BR'], ['CIABJ', 'CI'], ['BEANR', 'BE']] as const) ports[unlocode] = await make.port({ unlocode, country, name: unlocode });
  be = await make.agency({ code: 'BE-AAD', kind: AgencyKind.CUSTOMS, country: 'BE', ports: [ports.BEANR!] });
  nl = await make.agency({ code: 'NL-DOUANE', kind: AgencyKind.CUSTOMS, country: 'NL' });
  const terminal = await make.agency({ code: 'DEMO-TERMINAL', kind: AgencyKind.PRIVATE_OPERATOR });
  const indicators: Record<string, RiskIndicator> = {
    'BE-AAD/A': await make.riskIndicator({ originAgency: be, local: 'A' }),
    'BE-AAD/B': await make.riskIndicator({ originAgency: be, local: 'B', tlp: Tlp.GREEN }),
    'NL-DOUANE/H': await make.riskIndicator({ originAgency: nl, local: 'H', tlp: Tlp.RED }),
  };
  const start = Date.UTC(2026, 5, 1);
  for (let i = 0; i < 60; i++) {
    const cited = [...(i % 2 === 0 ? ['BE-AAD/A'] : []), ...(i % 3 === 0 ? ['BE-AAD/B'] : []), ...(i % 5 === 0 ? ['NL-DOUANE/H'] : [])];
    if (!cited.length) cited.push('BE-AAD/B');
    const kind = i % 4; // 0: seizure, 1: no finding, 2: not controlled, 3: still open
    const createdAt = new Date(start + i * HOUR);
    const hours = kind < 2 ? ((i * 7) % 23) + 1.5 : null;
    // Every seventh alert is RED of Dutch customs, addressed to them alone: Belgian analysts do not count it.
    const red = i % 7 === 6;
    await make.targetingAlert({
      originAgency: red ? nl : be, tlp: red ? Tlp.RED : Tlp.AMBER, portOfLoading: ports[LOADING[i % 3]!]!, portOfDischarge: ports.BEANR!,
      riskIndicators: cited.map((c) => indicators[c]!), addressedAgencies: red ? [nl] : [be], createdAt,
      expectedArrival: new Date(Date.now() + 24 * HOUR),
      ...(kind === 3 ? {} : {
        acknowledgedBy: red ? nl : be, state: TargetingAlertStatus.CLOSED,
        outcome: kind === 2
          ? { controlOutcome: ControlOutcome.NOT_CONTROLLED, notControlledReason: NotControlledReason.CAPACITY }
          : { controlOutcome: ControlOutcome.CONTROLLED, controlResult: kind === 0 ? ControlResult.SEIZURE : ControlResult.NO_FINDING },
        controlledAt: new Date(createdAt.getTime() + (hours ?? 5) * HOUR),
      }),
    });
    made.push({ loading: LOADING[i % 3]!, indicators: cited, controlled: kind < 2, seizure: kind === 0, hours, red });
  }
  analyst = await hub.as({ agency: be, roles: [Role.ANALYST] });
  nlAnalyst = await hub.as({ agency: nl, roles: [Role.ANALYST] });
  partner = await hub.as({ agency: terminal, roles: [Role.PARTNER] });
});
afterAll(() => hub.close());

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The bucket expected for a group of made alerts. */
function expected(alerts: Made[]) {
  const controlled = alerts.filter((a) => a.controlled);
  const seizures = alerts.filter((a) => a.seizure).length;
  return {
    alerts: alerts.length,
    controlled: controlled.length,
    seizures,
    hitRate: controlled.length ? seizures / controlled.length : null,
    medianHoursToControl: median(controlled.map((a) => a.hours!)),
  };
}

const stats = async (client: Client, groupBy: ('RISK_INDICATOR' | 'PORT_OF_LOADING')[], filter?: object) =>
  (await client.query(TargetingStatisticsDocument, { groupBy, filter })).targetingStatistics;
const byKey = (s: TargetingStatisticsQuery['targetingStatistics']) =>
  Object.fromEntries(s.buckets.map(({ riskIndicator, portOfLoading, hitRate, medianHoursToControl, ...rest }) => [
    [riskIndicator?.code, portOfLoading?.unlocode].filter(Boolean).join(' '),
    { ...rest, hitRate: hitRate === null ? null : Number(hitRate.toFixed(6)), medianHoursToControl },
  ]));
const rounded = (e: ReturnType<typeof expected>) => ({ ...e, hitRate: e.hitRate === null ? null : Number(e.hitRate.toFixed(6)) });

test('per risk indicator: the figures computed here, over the alerts and indicators the viewer may see', async () => {
  const visible = made.filter((a) => !a.red);
  expect(byKey(await stats(analyst, ['RISK_INDICATOR']))).toEqual({
    'BE-AAD/A': rounded(expected(visible.filter((a) => a.indicators.includes('BE-AAD/A')))),
    'BE-AAD/B': rounded(expected(visible.filter((a) => a.indicators.includes('BE-AAD/B')))),
  });
  // Dutch customs see their RED alerts and their RED indicator too (and the AMBER alerts of Belgium).
  const dutch = byKey(await stats(nlAnalyst, ['RISK_INDICATOR']));
  expect(dutch['NL-DOUANE/H']).toEqual(rounded(expected(made.filter((a) => a.indicators.includes('NL-DOUANE/H')))));
  expect(dutch['BE-AAD/A']).toEqual(rounded(expected(made.filter((a) => a.indicators.includes('BE-AAD/A')))));
});

test('per port of loading, and per indicator and port, with the list filter', async () => {
  const visible = made.filter((a) => !a.red);
  const perPort = byKey(await stats(analyst, ['PORT_OF_LOADING']));
  expect(perPort).toEqual(Object.fromEntries(LOADING.map((p) => [p, rounded(expected(visible.filter((a) => a.loading === p)))])));
  const both = byKey(await stats(analyst, ['RISK_INDICATOR', 'PORT_OF_LOADING'], { ports: ['BRSSZ'] }));
  expect(both).toEqual({
    'BE-AAD/A BRSSZ': rounded(expected(visible.filter((a) => a.loading === 'BRSSZ' && a.indicators.includes('BE-AAD/A')))),
    'BE-AAD/B BRSSZ': rounded(expected(visible.filter((a) => a.loading === 'BRSSZ' && a.indicators.includes('BE-AAD/B')))),
  });
  // Plausible figures, not just equal ones: rates between 0 and 1, medians within the hours made.
  for (const bucket of Object.values(perPort)) {
    expect(bucket.hitRate).toBeGreaterThan(0);
    expect(bucket.hitRate).toBeLessThan(1);
    expect(bucket.medianHoursToControl).toBeGreaterThanOrEqual(1.5);
  }
});

test('buckets are ordered by alerts and paged; bad arguments are BAD_USER_INPUT naming them', async () => {
  const page = (await analyst.query(TargetingStatisticsDocument, { groupBy: ['PORT_OF_LOADING'], first: 2 })).targetingStatistics;
  expect(page.buckets).toHaveLength(2);
  expect(page.hasMoreBuckets).toBe(true);
  expect(page.buckets[0]!.alerts).toBeGreaterThanOrEqual(page.buckets[1]!.alerts);
  for (const [variables, field] of [[{ groupBy: [] }, 'groupBy'], [{ groupBy: ['PORT_OF_LOADING', 'PORT_OF_LOADING'] }, 'groupBy'], [{ groupBy: ['PORT_OF_LOADING'], first: 0 }, 'first']] as const) {
    const res = await analyst.send(TargetingStatisticsDocument, variables as never);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  }
});

test('outside law enforcement nothing is counted (no alert reaches a private partner or an anonymous viewer)', async () => {
  for (const client of [partner, hub]) {
    expect(await stats(client, ['PORT_OF_LOADING'])).toEqual({ suppressedBuckets: 0, hasMoreBuckets: false, buckets: [] });
    expect(await stats(client, ['RISK_INDICATOR'])).toEqual({ suppressedBuckets: 0, hasMoreBuckets: false, buckets: [] });
  }
});

test('one statement for the figures whatever the number of buckets; indicators and ports come from the loaders', async () => {
  const count = async (first: number) => hub.statementsDuring(() => analyst.query(TargetingStatisticsDocument, { groupBy: ['RISK_INDICATOR', 'PORT_OF_LOADING'], first }));
  expect(await count(6)).toBe(await count(1));
});
