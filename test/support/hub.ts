// A real core subgraph for one test file: its own freshly migrated database (migrated by the owner role, served as
// the runtime role that owns nothing, as under `npm start`), the real express + Apollo server on a
// free loopback port, and a typed GraphQL client speaking HTTP. The client plays the gateway: it sends each request
// with a gateway-signed token describing the viewer (test/federation.test.ts goes through the real gateway).
import { randomBytes } from 'node:crypto';
import { print, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../../src/db/database.js';
import type { EmbeddedDatabase } from '../../src/db/embedded-postgres.js';
import { ormConfig } from '../../src/db/mikro-orm.config.js';
import { newPrivateJwk } from '../../src/auth/dev-issuer.js';
import { GatewayVerifier, gatewaySignerFrom, type GatewaySigner } from '../../src/auth/gateway-token.js';
import { anonymousViewer, type AgencyKindName, type Role, type Viewer } from '../../src/auth/viewer.js';
import { loadConfig } from '../../src/config.js';
import { DatabaseAvailability, type DatabaseSettings } from '../../src/db/availability.js';
import { startHubServer, type HubServer, type HubServerOptions } from '../../src/hub/server.js';
import { silentLogger } from '../../src/observability/logger.js';

export const TEST_AUDIENCE = 'port-alliance-hub';
/** Subjects as the gateway passes them: `<user token issuer>#<sub>`. */
export const TEST_ISSUER = 'urn:test:issuer';

export interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

export interface Client {
  /** Sends an operation over HTTP; returns the whole response (data and errors). */
  send<TData, TVars extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars> | DocumentNode | string,
    variables?: TVars,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  /** Sends an operation and fails the test on any error; returns data. */
  query<TData, TVars extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars> | DocumentNode | string,
    variables?: TVars,
    headers?: Record<string, string>,
  ): Promise<TData>;
}

export interface SignInAs {
  /** The viewer's agency. */
  agency: { id: string; kind: AgencyKindName };
  roles: Role[];
  subject?: string;
  name?: string;
}

export interface TestHub extends Client {
  url: string;
  /** Connected as the runtime role, like the core (it owns nothing: no DDL, only SELECT and INSERT on audit_event). */
  orm: MikroORM;
  /** This test file's own database, as the runtime role the core connects as (`hub_app`). */
  databaseUrl: string;
  /** The same database as the owner of its objects (`hub_owner`), which ran the migrations. */
  ownerDatabaseUrl: string;
  /** The same database as the cluster's superuser. */
  adminDatabaseUrl: string;
  /** Runs SQL as the owner (DDL, tampering with the audit trail), on a connection of its own. */
  ownerSql<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Its state as the core sees it (the pool's guard). */
  database: DatabaseAvailability;
  /** The (test) gateway's signing key, trusted by this core subgraph. */
  gatewaySigner: GatewaySigner;
  /** A client whose requests carry a valid gateway token for a viewer of this agency with these roles. */
  as(who: SignInAs): Promise<Client>;
  /** SQL statements the ORM ran since the last reset. */
  statements: string[];
  /** How many SQL statements `work` made the hub run. */
  statementsDuring(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

/** A PostgreSQL server's URLs as its superuser, owner role and runtime role (startEmbeddedPostgres makes them). */
export type PgServer = Pick<EmbeddedDatabase, 'url' | 'ownerUrl' | 'appUrl'>;

function sharedServer(): PgServer {
  const { HUB_TEST_PG_URL: url, HUB_TEST_PG_OWNER_URL: ownerUrl, HUB_TEST_PG_APP_URL: appUrl } = process.env;
  if (!url || !ownerUrl || !appUrl) throw new Error('HUB_TEST_PG_URL is not set: run the tests through jest (global-setup starts PostgreSQL)');
  return { url, ownerUrl, appUrl };
}

/** A fresh database owned by the owner role: its URLs as each of the three roles. */
async function createDatabase(server: PgServer = sharedServer()): Promise<PgServer> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`create database ${name} owner ${admin.escapeIdentifier(decodeURIComponent(new URL(server.ownerUrl).username))}`);
  } finally {
    await admin.end();
  }
  const named = (url: string) => url.replace(/\/hub$/, `/${name}`);
  return { url: named(server.url), ownerUrl: named(server.ownerUrl), appUrl: named(server.appUrl) };
}

/** Migrates as the owner, then grants the runtime role what the core may do (as the preparation step does). */
async function migrateAsOwner(database: PgServer): Promise<void> {
  const owner = await MikroORM.init(ormConfig({ clientUrl: database.ownerUrl }));
  try {
    await migrate(owner, { runtimeUrl: database.appUrl });
  } finally {
    await owner.close(true);
  }
}

export interface TestHubOptions extends Partial<Pick<HubServerOptions, 'limits' | 'requestTimeoutMs' | 'maxResponseBytes' | 'userTokens' | 'routerSecret' | 'targetingAlertExpiryHours'>> {
  /** Pool size, wait and retry windows (the configuration's defaults otherwise). */
  database?: Partial<DatabaseSettings>;
  /** A PostgreSQL server of the test's own (one it may stop), instead of the run's shared one. */
  pgServer?: PgServer;
}

/** `options`: limits, deadline, response cap or pool settings to try (the configuration's defaults otherwise). */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const { database: settings, pgServer, ...serverOptions } = options;
  const statements: string[] = [];
  const urls = await createDatabase(pgServer);
  await migrateAsOwner(urls);
  const databaseUrl = urls.appUrl;
  const database = new DatabaseAvailability({ ...loadConfig({}).database, ...settings });
  // The core connects as the runtime role, as under `npm start`.
  const db: Database = await openDatabase(
    { databaseUrl, dataDir: '', embeddedPgPort: 0, debugSql: false },
    { onQuery: (message) => statements.push(message), availability: database },
  );
  statements.length = 0;
  const gatewaySigner = await gatewaySignerFrom(await newPrivateJwk('test-gateway'));
  const server: HubServer = await startHubServer(db.orm, { host: '127.0.0.1', port: 0, gateway: new GatewayVerifier(gatewaySigner.jwks, 'core'), database, logger: silentLogger, ...serverOptions });

  // A fresh gateway token per request, as the gateway does (they live for a minute).
  const client = (viewer: Viewer): Client => {
    const send: Client['send'] = async (document, variables, headers = {}) => {
      const query = typeof document === 'string' ? document : print(document);
      const token = await gatewaySigner.sign(viewer, 'core');
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<never>;
    };
    return {
      send,
      async query(document, variables, headers) {
        const result = await send(document, variables, headers);
        if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
        return result.data as never;
      },
    };
  };

  return {
    ...client(anonymousViewer),
    url: server.url,
    orm: db.orm,
    databaseUrl,
    ownerDatabaseUrl: urls.ownerUrl,
    adminDatabaseUrl: urls.url,
    async ownerSql<T>(sql: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: urls.ownerUrl });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    database,
    statements,
    async statementsDuring(work) {
      statements.length = 0;
      await work();
      return statements.length;
    },
    gatewaySigner,
    async as(who) {
      return client({
        subject: `${TEST_ISSUER}#${who.subject ?? `user-of-${who.agency.id}`}`,
        name: who.name ?? null,
        agencyId: who.agency.id,
        agencyKind: who.agency.kind,
        roles: new Set(who.roles),
      });
    },
    async close() {
      await server.stop();
      database.close();
      await db.close();
    },
  };
}
