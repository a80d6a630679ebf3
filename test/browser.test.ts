// GraphiQL and the statistics dashboard in a real browser: headless Chromium (Debian's `chromium`, driven by
// playwright-core) opens the gateway's pages from the in-process federation, with every request to another host
// blocked and recorded. It signs in through the pages' development sign-in, runs an example operation in GraphiQL and
// reads the answer from the page, and checks that the dashboard draws its charts, that its figures are those of
// seizureStatistics for the same filters and viewer (a suppressed cell never reads 0: "suppressed" when the answer says
// it is, "0 or suppressed" when it cannot tell), that each CSV download is exactly the table shown, and that the
// dashboard sends only persisted documents (by id), so it works for partners and on a gateway with
// PERSISTED_DOCUMENTS_ONLY. Screenshots go to test-output/screenshots/.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { anonymousViewer, Role } from '../src/auth/viewer.js';
import { Tlp } from '../src/hub/common/enums.js';
import { AgencyKind, type Agency } from '../src/hub/modules/agency/index.js';
import type { Port } from '../src/hub/modules/port/index.js';
import { DetectionMethod, DrugType, QuantityUnit } from '../src/hub/modules/seizure/index.js';
import { startGateway, type GatewayServer } from '../src/gateway/server.js';
import { TokenVerifier } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/observability/logger.js';
import { DETECTION_METHODS, DRUG_TYPES } from '../src/web/client/enums.js';
import { exampleOperations } from '../src/web/client/examples.js';
import { Factories } from './support/factories.js';
import { startTestFederation, type GatewayClient, type TestFederation } from './support/federation.js';
import { TEST_AUDIENCE } from './support/hub.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve('test-output/screenshots');

let federation: TestFederation;
let browser: Browser;
let origin: string;
/** The origin of a second gateway a test starts (PERSISTED_DOCUMENTS_ONLY), also the hub's own. */
let extraOrigin: string | undefined;
let antwerp: Port;
let beCustoms: Agency;

/** Every request the pages made to another host (blocked), and every CSP refusal or page error. */
const foreignRequests: string[] = [];
const pageProblems: string[] = [];
/** The bodies of the GraphQL requests the dashboard's pages sent (newPage('dashboard')). */
const dashboardRequests: Record<string, unknown>[] = [];

async function newPage(kind: 'graphiql' | 'dashboard'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin || url.origin === extraOrigin || url.protocol === 'blob:' || url.protocol === 'data:') return route.continue();
    foreignRequests.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text())) pageProblems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (kind === 'dashboard' && request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') dashboardRequests.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>);
  });
  return { context, page };
}

/** Signs in through the page's development sign-in form and waits for it to say so. */
async function signIn(page: Page, agency: string, role: Role): Promise<string> {
  const form = page.locator('.dev-sign-in-form');
  await form.locator(`select[name=agency] option[value="${agency}"]`).waitFor({ state: 'attached' });
  await form.locator('select[name=agency]').selectOption(agency);
  await form.locator('select[name=role]').selectOption(role);
  await form.locator('button[type=submit]').click();
  await page.waitForFunction((a) => document.querySelector('.dev-sign-in-status')?.textContent?.includes(`of ${a}`), agency);
  const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('port-alliance-hub.dev-session') ?? '{}').token as string);
  expect(token).toMatch(/^ey/);
  expect(page.url()).not.toContain(token);
  return token;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH. .ci/run installs it.`);
  }
  federation = await startTestFederation({ devSignIn: true });
  origin = new URL(federation.gateway.url).origin;
  const make = new Factories(federation.core.orm);
  antwerp = await make.port({ unlocode: 'BEANR', name: 'Antwerp', country: 'BE' });
  const rotterdam = await make.port({ unlocode: 'NLRTM', name: 'Rotterdam', country: 'NL' });
  const leHavre = await make.port({ unlocode: 'FRLEH', name: 'Le Havre', country: 'FR' });
  beCustoms = await make.agency({ code: 'BE-CUS', name: 'Belgian customs', kind: AgencyKind.CUSTOMS, country: 'BE' });
  await make.agency({ code: 'DEMO-TERMINAL', name: 'Demo terminal', kind: AgencyKind.PRIVATE_OPERATOR, country: 'BE' });
  const seizures = async (count: number, props: { seizedOn: string; port: Port; drugType: DrugType; detectionMethod: DetectionMethod; quantity?: string }) => {
    for (let i = 0; i < count; i++) await make.seizure({ originAgency: beCustoms, tlp: Tlp.GREEN, unit: QuantityUnit.KG, quantity: props.quantity ?? '10', ...props });
  };
  await seizures(7, { seizedOn: '2024-01-10', port: antwerp, drugType: DrugType.COCAINE, detectionMethod: DetectionMethod.SCANNER, quantity: '120' });
  await seizures(2, { seizedOn: '2024-01-20', port: antwerp, drugType: DrugType.HEROIN, detectionMethod: DetectionMethod.SCANNER }); // suppressed outside law enforcement
  await seizures(6, { seizedOn: '2024-03-05', port: rotterdam, drugType: DrugType.COCAINE, detectionMethod: DetectionMethod.DETECTION_DOG, quantity: '300' });
  await seizures(5, { seizedOn: '2024-03-15', port: rotterdam, drugType: DrugType.CANNABIS_RESIN, detectionMethod: DetectionMethod.RISK_ANALYSIS });
  await seizures(3, { seizedOn: '2024-04-02', port: leHavre, drugType: DrugType.COCAINE, detectionMethod: DetectionMethod.INTELLIGENCE }); // suppressed outside law enforcement
  await seizures(8, { seizedOn: '2024-05-30', port: antwerp, drugType: DrugType.MDMA, detectionMethod: DetectionMethod.RISK_ANALYSIS, quantity: '15' });
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await federation?.close();
});

afterEach(() => {
  // Every page of every test: nothing asked of another host, nothing refused by the CSP, no script error; and the
  // dashboard sent persisted documents only: an id, never query text.
  expect(foreignRequests).toEqual([]);
  expect(pageProblems).toEqual([]);
  for (const body of dashboardRequests.splice(0)) {
    expect(body).toEqual({ documentId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), operationName: expect.stringMatching(/^(Dashboard|DevSignIn)/), variables: expect.any(Object) });
  }
});

describe('the pages over HTTP', () => {
  it('serves GraphiQL to browsers with a strict CSP, and GraphQL to clients as before', async () => {
    const page = await fetch(federation.gateway.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "worker-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
    expect(html).not.toMatch(/https?:\/\//); // nothing from another host
    // Every asset the page links is served by the hub, hashed and cacheable for good.
    for (const [, asset] of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
      const res = await fetch(origin + asset!);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('immutable');
      expect(res.headers.get('content-encoding')).toMatch(/^(gzip|br)$/);
    }

    const dashboard = await fetch(`${origin}/dashboard`);
    expect(dashboard.headers.get('content-security-policy')).toContain("style-src 'self';");

    const post = await federation.anonymous.send('{ __typename }');
    expect(post.data).toEqual({ __typename: 'Query' });
    const get = await fetch(`${federation.gateway.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    // No server sends Apollo's landing page (it loads from a CDN): the core, asked by the gateway as a browser would.
    const asGateway = `Bearer ${await federation.core.gatewaySigner.sign(anonymousViewer, 'core')}`;
    const core = await fetch(federation.core.url, { headers: { accept: 'text/html', authorization: asGateway } });
    const coreBody = await core.text();
    expect(core.headers.get('content-type')).not.toContain('text/html');
    expect(coreBody).not.toMatch(/apollo-server-landing-page|embeddable-sandbox|cdn\./i);
  });

  it('gives development tokens for real agencies and the roles their kind may hold, as JSON only', async () => {
    const post = (body: string, type = 'application/json', headers: Record<string, string> = {}) =>
      fetch(`${origin}/dev/sign-in`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
    const ok = await post(JSON.stringify({ agency: 'BE-CUS', roles: ['OFFICER'] }));
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    const me = await federation.withToken(token).send('{ seizures(first: 1) { totalCount edges { node { containerNumber } } } }');
    expect(me.errors).toBeUndefined();

    expect((await post('agency=BE-CUS&roles=OFFICER', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post(JSON.stringify({ agency: 'BE-CUS', roles: ['OFFICER'] }), 'application/json', { origin: 'https://elsewhere.example' })).status).toBe(403);
    const partnerAsOfficer = await post(JSON.stringify({ agency: 'DEMO-TERMINAL', roles: ['OFFICER'] }));
    expect(partnerAsOfficer.status).toBe(400);
    expect(await partnerAsOfficer.json()).toEqual({ errors: [{ message: expect.stringContaining('PRIVATE_OPERATOR cannot hold OFFICER'), extensions: { code: 'BAD_USER_INPUT', field: 'roles' } }] });
    const unknown = await post(JSON.stringify({ agency: 'XX-NOBODY', roles: ['ANALYST'] }));
    expect(((await unknown.json()) as { errors: { extensions: { field: string } }[] }).errors[0]!.extensions.field).toBe('agency');
    expect((await post(JSON.stringify({ agency: 'BE-CUS', roles: ['KING'] }))).status).toBe(400);
  });

  it('has no development sign-in in production', async () => {
    // A gateway configured as in production: no development issuer, so no sign-in route and no form.
    const production: GatewayServer = await startGateway({
      host: '127.0.0.1', port: 0, core: { name: 'core', url: federation.core.url }, registry: { file: federation.registryFile },
      signer: federation.core.gatewaySigner, verifier: new TokenVerifier([federation.issuer.issuer], TEST_AUDIENCE), logger: silentLogger,
      audit: { pool: await federation.core.orm.em.getConnection().getNativeClient() },
    });
    try {
      const base = new URL(production.url).origin;
      const signIn = await fetch(`${base}/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agency: 'BE-CUS', roles: ['OFFICER'] }) });
      expect(signIn.status).toBe(404);
      const html = await (await fetch(production.url, { headers: { accept: 'text/html' } })).text();
      expect(html).toContain('/assets/graphiql-');
      expect(html).not.toContain('devSignIn');
    } finally {
      await production.stop();
    }
  });

  it('lets anyone load GraphiQL\'s docs outside production: introspection costs 1, not a list of data', async () => {
    const introspection = await federation.anonymous.send(getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true }));
    expect(introspection.errors).toBeUndefined();
    expect((introspection.data as { __schema: { queryType: { name: string } } }).__schema.queryType.name).toBe('Query');
  });

  it('opens with example operations that the hub answers', async () => {
    const officer = await federation.as({ agency: 'BE-CUS', roles: [Role.OFFICER] });
    expect(exampleOperations.map((e) => /query (\w+)/.exec(e.query)?.[1])).toEqual(['PortDashboard', 'SeizureSearch', 'Statistics', 'Investigation']);
    for (const example of exampleOperations) {
      const answer = await officer.send(example.query, JSON.parse(example.variables) as Record<string, unknown>);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toBeTruthy();
    }
  });

  it('offers the drug types and detection methods of the schema', async () => {
    const answer = await federation.anonymous.send<{ d: { enumValues: { name: string }[] }; m: { enumValues: { name: string }[] } }, Record<string, never>>(
      '{ d: __type(name: "DrugType") { enumValues { name } } m: __type(name: "DetectionMethod") { enumValues { name } } }',
    );
    expect(answer.data!.d.enumValues.map((v) => v.name).sort()).toEqual([...DRUG_TYPES].sort());
    expect(answer.data!.m.enumValues.map((v) => v.name).sort()).toEqual([...DETECTION_METHODS].sort());
  });
});

describe('in Chromium', () => {
  it('GraphiQL: signs in, fills the Authorization header and runs an example operation', async () => {
    const { context, page } = await newPage('graphiql');
    try {
      await page.goto(federation.gateway.url);
      await page.locator('.graphiql-container').waitFor();
      // Partners are told up front that GraphiQL's query text is not for them.
      await page.locator('.dev-sign-in-note', { hasText: "Partners (private operators) can run only the alliance's published operations" }).waitFor();
      const token = await signIn(page, 'BE-CUS', Role.OFFICER);
      // The first example tab, as a first visit opens it (no tab clicked): the port dashboard of BEANR, with its variables.
      await page.locator('.graphiql-tab[aria-selected="true"]', { hasText: 'PortDashboard' }).waitFor();
      // The headers editor shows the token the sign-in put there.
      await page.locator('.graphiql-editor-tool', { hasText: '"Authorization": "Bearer ey' }).waitFor();
      const sent = page.waitForRequest((req) => req.method() === 'POST' && req.url() === federation.gateway.url && (req.postData() ?? '').includes('PortDashboard'));
      await page.locator('.graphiql-execute-button').click();
      const request = await sent;
      expect(request.headers().authorization).toBe(`Bearer ${token}`);
      const answer = (await (await request.response())!.json()) as { data: { port: { name: string; seizures: { totalCount: number } } } };
      expect(answer.data.port.name).toBe('Antwerp');
      // The answer as the page shows it, in the response pane.
      const response = page.locator('.result-window');
      await page.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('"Antwerp"'), null, { timeout: 10_000 });
      const shown = (await response.innerText()).replace(/\s+/g, ' ');
      expect(shown).toContain('"unlocode": "BEANR"');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'graphiql.png') });
      // The docs pane reads the schema (introspection through the hub), the explorer lists the root fields.
      await page.click('button[aria-label="Show Documentation Explorer"]');
      await page.locator('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name', { hasText: /^Query$/ }).first().click();
      await page.locator('.graphiql-doc-explorer-field-name', { hasText: /^seizureStatistics$/ }).first().waitFor();
      await page.click('button[aria-label="Show GraphiQL Explorer"]');
      await page.locator('.graphiql-explorer-root, .docExplorerWrap', { hasText: 'seizureStatistics' }).first().waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'graphiql-explorer.png') });
    } finally {
      await context.close();
    }
  });

  it('dashboard: draws the statistics the API gives this viewer, suppressed cells as suppressed, and downloads what it shows', async () => {
    const { context, page } = await newPage('dashboard');
    try {
      await page.goto(`${origin}/dashboard`);
      await page.waitForSelector('body[data-state=ready]');
      await signIn(page, 'DEMO-TERMINAL', Role.PARTNER);
      await page.fill('input[name=from]', '2024-01');
      await page.fill('input[name=to]', '2024-06');
      await page.click('form.filters button[type=submit]');
      await page.waitForFunction(viewerReady, 'PARTNER');

      const partner = await federation.as({ agency: 'DEMO-TERMINAL', roles: [Role.PARTNER] });
      const filter = { seizedFrom: '2024-01-01', seizedTo: '2024-06-30' };
      await expectMonthlyAsApi(page, partner, filter, ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
      await expectPortsAsApi(page, partner, filter);
      await expectDetectionAsApi(page, partner, filter);
      // January's heroin (2 seizures) and April's cocaine (3) are suppressed for a partner: the answer says 2 cells are,
      // not which, so no absent cell reads 0 (nor a suppressed one), and the note says why.
      const months = await tableOf(page, 'monthly');
      expect(months.rows[0]![months.header.indexOf('HEROIN')]).toBe('0 or suppressed');
      expect(months.rows[0]![months.header.indexOf('MDMA')]).toBe('0 or suppressed');
      expect(months.rows.flat()).not.toContain('0');
      await page.locator('#monthly .note', { hasText: 'the hub says how many cells, not which' }).waitFor();
      // Charts drawn: each canvas has data points and paint.
      for (const id of ['monthly', 'ports', 'detection']) {
        const canvas = page.locator(`#${id} canvas`);
        expect(Number(await canvas.getAttribute('data-points'))).toBeGreaterThan(0);
        // (Browser code; the test's own types have no DOM.)
        const painted = await canvas.evaluate((element) => {
          const c = element as unknown as Canvas;
          const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) n++;
          return n;
        });
        expect(painted).toBeGreaterThan(500);
      }
      // Each CSV download is exactly its table.
      for (const id of ['monthly', 'ports', 'detection']) {
        const download = page.waitForEvent('download');
        await page.click(`#${id} button.csv`);
        const csv = await readFile((await (await download).path())!, 'utf8');
        const table = await tableOf(page, id);
        expect(parseCsv(csv)).toEqual([table.header, ...table.rows]);
      }
      await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

      // The same filters narrowed to a port and a drug type, as law enforcement: exact figures.
      await signIn(page, 'BE-CUS', Role.OFFICER);
      await page.fill('input[name=ports]', 'beanr, NLRTM');
      await page.check('input[name=drugType][value=COCAINE]');
      await page.click('form.filters button[type=submit]');
      await page.waitForFunction(viewerReady, 'OFFICER');
      const officer = await federation.as({ agency: 'BE-CUS', roles: [Role.OFFICER] });
      const narrowed = { ...filter, ports: ['BEANR', 'NLRTM'], drugTypes: ['COCAINE'] };
      await expectMonthlyAsApi(page, officer, narrowed, ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
      await expectPortsAsApi(page, officer, narrowed);
      await expectDetectionAsApi(page, officer, narrowed);
      expect((await tableOf(page, 'monthly')).rows.map((r) => r[1])).toEqual(['7', '0', '6', '0', '0', '0']); // exact, Le Havre left out
      expect(dashboardRequests.map((b) => b.operationName)).toEqual(expect.arrayContaining(['DevSignInAgencies', 'DashboardMonthly', 'DashboardPorts', 'DashboardDetection'])); // checked in afterEach
    } finally {
      await context.close();
    }
  });

  it('dashboard: works for a partner on a gateway that runs persisted documents only (PERSISTED_DOCUMENTS_ONLY=true, default manifests)', async () => {
    const settings = loadConfig({ PERSISTED_DOCUMENTS_ONLY: 'true' }).persistedDocuments;
    const only: GatewayServer = await startGateway({
      host: '127.0.0.1', port: 0, core: { name: 'core', url: federation.core.url }, registry: { file: federation.registryFile },
      signer: federation.core.gatewaySigner, verifier: new TokenVerifier([federation.issuer.issuer], TEST_AUDIENCE), logger: silentLogger,
      audit: { pool: await federation.core.orm.em.getConnection().getNativeClient() }, persistedDocuments: settings,
      web: { devSignIn: { signer: federation.issuer, audience: TEST_AUDIENCE } },
    });
    extraOrigin = new URL(only.url).origin;
    const { context, page } = await newPage('dashboard');
    try {
      // Query text is refused there, for everyone.
      const text = await fetch(only.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(((await text.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
      await page.goto(`${extraOrigin}/dashboard`);
      await page.waitForSelector('body[data-state=ready]');
      await signIn(page, 'DEMO-TERMINAL', Role.PARTNER); // the agencies list is a persisted document too
      const partner = await federation.as({ agency: 'DEMO-TERMINAL', roles: [Role.PARTNER] });

      // Antwerp's heroin in January: the only cell, and suppressed (2 seizures): the answer says so.
      await page.fill('input[name=from]', '2024-01');
      await page.fill('input[name=to]', '2024-01');
      await page.fill('input[name=ports]', 'BEANR');
      await page.check('input[name=drugType][value=HEROIN]');
      await page.click('form.filters button[type=submit]');
      await page.waitForFunction(viewerReady, 'PARTNER');
      const heroin = { seizedFrom: '2024-01-01', seizedTo: '2024-01-31', ports: ['BEANR'], drugTypes: ['HEROIN'] };
      await expectMonthlyAsApi(page, partner, heroin, ['2024-01']);
      expect(await tableOf(page, 'monthly')).toEqual({ header: ['Month', 'HEROIN', 'Total'], rows: [['2024-01', 'suppressed', 'suppressed']] });

      // Rotterdam over six months: nothing suppressed, so every absent cell is 0.
      await page.fill('input[name=to]', '2024-06');
      await page.fill('input[name=ports]', 'NLRTM');
      await page.uncheck('input[name=drugType][value=HEROIN]');
      await page.click('form.filters button[type=submit]');
      await page.waitForFunction(() => document.body.dataset.state === 'ready' && document.querySelectorAll('#monthly tbody tr').length === 6);
      const rotterdam = { seizedFrom: '2024-01-01', seizedTo: '2024-06-30', ports: ['NLRTM'] };
      await expectMonthlyAsApi(page, partner, rotterdam, ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
      await expectPortsAsApi(page, partner, rotterdam);
      await expectDetectionAsApi(page, partner, rotterdam);
      const table = await tableOf(page, 'monthly');
      const cocaine = table.header.indexOf('COCAINE');
      expect(table.rows.map((r) => r[cocaine] === '0')).toEqual([true, true, false, true, true, true]); // March: 6, published rounded
      expect(table.rows.flat().filter((c) => c.includes('suppressed'))).toEqual([]);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-persisted-only.png'), fullPage: true });
      expect(dashboardRequests.map((b) => b.operationName)).toEqual(expect.arrayContaining(['DevSignInAgencies', 'DashboardMonthly', 'DashboardPorts', 'DashboardDetection'])); // checked in afterEach
    } finally {
      await context.close();
      await only.stop();
      extraOrigin = undefined;
    }
  });
});

interface Table {
  header: string[];
  rows: string[][];
}

/** What the page functions below read of the DOM (the test's own types have no DOM lib). */
declare const document: {
  body: { dataset: Record<string, string | undefined> };
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number };
};
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}
interface Cells {
  cells: ArrayLike<{ textContent: string | null }>;
}
interface HtmlTable {
  tHead: { rows: ArrayLike<Cells> };
  tBodies: ArrayLike<{ rows: ArrayLike<Cells> }>;
}

/** The dashboard has answered (and for this role). Page functions only: a string would be eval, which the CSP forbids. */
const viewerReady = (role: string) => document.body.dataset.state === 'ready' && !!document.querySelector('#viewer')?.textContent?.includes(role);

async function tableOf(page: Page, panel: string): Promise<Table> {
  return page.locator(`#${panel} table.figures`).evaluate((element) => {
    const table = element as unknown as HtmlTable;
    return {
      header: Array.from(table.tHead.rows[0]!.cells, (c) => c.textContent ?? ''),
      rows: Array.from(table.tBodies[0]!.rows, (r) => Array.from(r.cells, (c) => c.textContent ?? '')),
    };
  });
}

function parseCsv(csv: string): string[][] {
  return csv.trimEnd().split('\r\n').map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')));
}

interface Stats {
  seizures: number;
  suppressedBuckets: number;
  buckets: { month?: string; drugType?: string; detectionMethod?: string; port?: { unlocode: string }; seizures: number; quantityKg: string | null }[];
}

async function statistics(client: GatewayClient, filter: Record<string, unknown>, groupBy: string, fields: string): Promise<Stats> {
  const answer = await client.send<{ s: Stats }, Record<string, unknown>>(
    `query($filter: SeizureFilter) { s: seizureStatistics(filter: $filter, groupBy: [${groupBy}], first: 500) { seizures suppressedBuckets buckets { seizures quantityKg ${fields} } } }`,
    { filter },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.s;
}

/**
 * The monthly table is seizureStatistics by [MONTH, DRUG_TYPE] (cells) and by [MONTH] (totals) for the same filter and
 * viewer: a shown bucket is its figure; an absent one reads 0 only when the answers say it is empty (nothing
 * suppressed, or its month has no seizure at all), "suppressed" only when every absent cell must be suppressed, else
 * "0 or suppressed". Each 0 and each "suppressed" is then checked against the cell asked alone.
 */
async function expectMonthlyAsApi(page: Page, client: GatewayClient, filter: Record<string, unknown>, months: string[]): Promise<void> {
  const table = await tableOf(page, 'monthly');
  expect(table.rows.map((r) => r[0])).toEqual(months);
  const drugTypes = table.header.slice(1, -1);
  expect(drugTypes).toEqual((filter.drugTypes as string[] | undefined) ?? [...DRUG_TYPES]);
  const cells = await statistics(client, filter, 'MONTH, DRUG_TYPE', 'month drugType');
  const totals = await statistics(client, filter, 'MONTH', 'month');
  const cellOf = (month: string, drugType: string) => cells.buckets.find((b) => b.month === month && b.drugType === drugType);
  const totalOf = (month: string) => totals.buckets.find((b) => b.month === month);
  const emptyMonth = (month: string) => !totalOf(month) && totals.suppressedBuckets === 0;
  const absentCells = months.filter((m) => !emptyMonth(m)).flatMap((m) => drugTypes.filter((d) => !cellOf(m, d))).length;
  const absentMonths = months.filter((m) => !totalOf(m)).length;
  const absent = (count: number, suppressed: number) => (suppressed === 0 ? '0' : count === suppressed ? 'suppressed' : '0 or suppressed');
  for (const [i, month] of months.entries()) {
    const row = table.rows[i]!;
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate();
    const monthFilter = { ...filter, seizedFrom: `${month}-01`, seizedTo: `${month}-${last}` };
    for (const [j, drugType] of drugTypes.entries()) {
      const shown = cellOf(month, drugType);
      const expected = shown ? String(shown.seizures) : emptyMonth(month) ? '0' : absent(absentCells, cells.suppressedBuckets);
      expect([month, drugType, row[1 + j]]).toEqual([month, drugType, expected]);
      if (expected === '0' || expected === 'suppressed') {
        // The truth, asked of the cell alone: a 0 holds no seizure, a suppressed cell 1 to 4.
        const alone = await statistics(client, { ...monthFilter, drugTypes: [drugType] }, 'DRUG_TYPE', 'drugType');
        expect([month, drugType, alone.buckets.length, alone.suppressedBuckets]).toEqual([month, drugType, 0, expected === '0' ? 0 : 1]);
      }
    }
    const total = totalOf(month);
    expect([month, row.at(-1)]).toEqual([month, total ? String(total.seizures) : absent(absentMonths, totals.suppressedBuckets)]);
  }
}

async function expectPortsAsApi(page: Page, client: GatewayClient, filter: Record<string, unknown>): Promise<void> {
  const api = await statistics(client, filter, 'PORT', 'port { unlocode }');
  const ranked = [...api.buckets].sort((a, b) => Number(b.quantityKg ?? -1) - Number(a.quantityKg ?? -1)).slice(0, 10);
  const table = await tableOf(page, 'ports');
  expect(table.rows.map((r) => [r[0], r[2], r[3]])).toEqual(ranked.map((b) => [b.port!.unlocode, b.quantityKg, String(b.seizures)]));
}

async function expectDetectionAsApi(page: Page, client: GatewayClient, filter: Record<string, unknown>): Promise<void> {
  const api = await statistics(client, filter, 'DETECTION_METHOD', 'detectionMethod');
  const table = await tableOf(page, 'detection');
  for (const bucket of api.buckets) {
    expect(table.rows.find((r) => r[0] === bucket.detectionMethod)!.slice(1)).toEqual([String(bucket.seizures), bucket.quantityKg]);
  }
  const absent = table.rows.filter((r) => !api.buckets.some((b) => b.detectionMethod === r[0]));
  for (const row of absent) expect(row[1]).toBe(api.suppressedBuckets === 0 ? '0' : absent.length === api.suppressedBuckets ? 'suppressed' : '0 or suppressed');
}
