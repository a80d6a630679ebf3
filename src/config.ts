// The only reader of process.env: parsed and validated once, fails fast with a clear message.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import type { TrustedIssuer } from './auth/tokens.js';
import type { DatabaseSettings } from './db/availability.js';
import type { OperationLimits } from './limits/operation-limits.js';

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /**
   * When set, the hub uses this PostgreSQL server; otherwise it starts an embedded one. The core and the gateway
   * connect with it: a role that owns nothing (README, "Database and migrations").
   */
  databaseUrl?: string;
  /** The schema owner's URL, with which the preparation step and `npm run migration:up` run the migrations. */
  migrationDatabaseUrl?: string;
  /** Folder for the embedded PostgreSQL cluster (git-ignored). */
  dataDir: string;
  embeddedPgPort: number;
  /** Load demo data when the database has no ports yet. */
  demoData: boolean;
  /** Seed for the synthetic demo data, so two runs build the same graph. */
  demoSeed: number;
  demoSeizures: number;
  /**
   * TARGETING_ALERT_EXPIRY_HOURS: a targeting alert not closed by then is EXPIRED this many hours after the
   * container's expected arrival (its status is computed when read, so a change applies to every alert at once).
   */
  targetingAlertExpiryHours: number;
  /** Log every SQL statement (debugging only). */
  debugSql: boolean;
  /** Identity providers whose tokens the hub accepts (TRUSTED_ISSUERS_FILE). */
  trustedIssuers: TrustedIssuer[];
  /** The `aud` claim tokens must carry. */
  audience: string;
  /** Trust the development issuer (`npm run token`); never in production. */
  devIssuer: boolean;
  /** Loopback port of the core subgraph (reached only through the gateway). */
  corePort: number;
  /** Where the gateway reaches the core subgraph (CORE_URL; default: loopback, CORE_PORT). */
  coreUrl: string;
  /** Interface the subgraphs listen on when run on their own (SUBGRAPH_HOST); loopback by default. */
  subgraphHost: string;
  /** Where subgraphs get the gateway's public keys (GATEWAY_JWKS_URL); default: the gateway's key in DATA_DIR. */
  gatewayJwksUrl?: string;
  /** The gateway's public keys given inline (GATEWAY_JWKS, a JWKS document): for subgraphs, instead of a URL. */
  gatewayJwks?: JSONWebKeySet;
  /**
   * The gateway's private signing key (GATEWAY_SIGNING_KEY, a private ES256 JWK, or GATEWAY_SIGNING_KEY_FILE), shared
   * by every gateway instance; default: a key the gateway creates in DATA_DIR (one machine only).
   */
  gatewaySigningKey?: JWK;
  /**
   * ROUTER_SECRET: the secret routers other than the hub gateway send in `router-authorization`; subgraphs then
   * require it, and serve anonymous viewers only with it. The gateway sends it to the core.
   */
  routerSecret?: string;
  /** Where a member subgraph asks the alliance graph about agencies (ALLIANCE_GRAPHQL_URL; default: the gateway). */
  allianceGraphqlUrl: string;
  /** Heap cap (V8 --max-old-space-size, MB) of each process `npm start` runs: gateway, core, member subgraph. */
  childMaxHeapMb: number;
  /** The member-state subgraphs the gateway composes (watched for changes). */
  subgraphsFile: string;
  /** Start the demo member-state subgraph (a fictional national service) on its port. */
  demoMemberSubgraph: boolean;
  demoMemberPort: number;
  /** How long the gateway waits for a subgraph. */
  subgraphTimeoutMs: number;
  /** How often the gateway re-reads the subgraphs' schemas (0: only when the registry changes). */
  subgraphPollMs: number;
  /** How often the gateway checks that each registered subgraph answers, for /readyz (0: off). */
  subgraphHealthMs: number;
  /** How often the gateway looks for changed registrations in the database (0: off; they are read on recomposition only). */
  registryPollMs: number;
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Every request's deadline, at the gateway and in each subgraph: past it, work and SQL are cancelled. */
  requestTimeoutMs: number;
  /** A response larger than this is refused (RESPONSE_TOO_LARGE): the guard behind the cost estimate. */
  maxResponseBytes: number;
  /** The core's database pool: size, wait timeout, retry window, statement backstop, readiness cache. */
  database: DatabaseSettings;
  /** Depth, aliases, root fields, directives, tokens and per-audience cost budgets. */
  limits: OperationLimits;
  /** Requests per window, per signed-in subject, per agency, and per address for anonymous viewers (0: no limit). */
  rateLimits: RateLimits;
  /** The persisted-documents manifests the gateway serves by `documentId`, and who may send only those. */
  persistedDocuments: PersistedDocumentSettings;
}

export interface PersistedDocumentSettings {
  /** PERSISTED_DOCUMENTS: manifest files (`{ "sha256:<hex>": "<document>" }`); default: the hub's pages' and the example partner client's. */
  files: string[];
  /** PERSISTED_DOCUMENTS_ONLY: every viewer may run only manifest documents (APQ off); partners always are. */
  only: boolean;
}

/** The example partner client's manifest (GraphQL Code Generator's client preset, `npm run codegen`). */
export const EXAMPLE_PERSISTED_DOCUMENTS = 'examples/partner-client/src/gql/persisted-documents.json';

/** The gateway's own pages' manifest (the dashboard, the development sign-in): the same generator, `npm run codegen`. */
export const WEB_PAGES_PERSISTED_DOCUMENTS = 'src/web/client/gql/persisted-documents.json';

/** What PERSISTED_DOCUMENTS installs when it is not set: the pages' manifest, so that the dashboard works for partners and under PERSISTED_DOCUMENTS_ONLY, and the example client's. */
export const DEFAULT_PERSISTED_DOCUMENTS = [WEB_PAGES_PERSISTED_DOCUMENTS, EXAMPLE_PERSISTED_DOCUMENTS] as const;

export interface RateLimits {
  windowSeconds: number;
  perSubject: number;
  perAgency: number;
  perAnonymousAddress: number;
}

export class ConfigError extends Error {}

/**
 * A secret the gateway sends to a subgraph (a registration's header `fromEnv`), read at each use so that it can be
 * set or rotated without a restart. Registrations name any variable, so it is not part of Config.
 */
export function secretFromEnv(name: string): string | undefined {
  return process.env[name] || undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/**
 * TRUSTED_ISSUERS_FILE: a JSON array of { "issuer": "...", "jwksUrl": "https://..." } or
 * { "issuer": "...", "jwksFile": "path/to/jwks.json" } (relative to the file).
 */
function trustedIssuers(env: NodeJS.ProcessEnv): TrustedIssuer[] {
  const file = env.TRUSTED_ISSUERS_FILE;
  if (!file) return [];
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`TRUSTED_ISSUERS_FILE ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(entries)) throw new ConfigError('TRUSTED_ISSUERS_FILE must hold a JSON array');
  return entries.map((e: Record<string, unknown>, i) => {
    if (typeof e?.issuer !== 'string') throw new ConfigError(`TRUSTED_ISSUERS_FILE entry ${i}: "issuer" must be a string`);
    if (typeof e.jwksUrl === 'string') {
      if (!/^https:\/\//.test(e.jwksUrl) && env.NODE_ENV === 'production') throw new ConfigError(`TRUSTED_ISSUERS_FILE entry ${i}: jwksUrl must be https in production`);
      return { issuer: e.issuer, jwksUrl: e.jwksUrl };
    }
    if (typeof e.jwksFile === 'string') {
      const jwks = JSON.parse(readFileSync(path.resolve(path.dirname(file), e.jwksFile), 'utf8'));
      return { issuer: e.issuer, jwks };
    }
    throw new ConfigError(`TRUSTED_ISSUERS_FILE entry ${i}: give "jwksUrl" or "jwksFile"`);
  });
}

/**
 * PERSISTED_DOCUMENTS: comma-separated manifest paths (relative to the working directory; exactly those: list the
 * pages' manifest too for the dashboard to keep working for partners), or `none`; unset, DEFAULT_PERSISTED_DOCUMENTS; and
 * PERSISTED_DOCUMENTS_ONLY. Also read by the Hive Gateway configuration (deploy/hive-gateway), which holds to the same.
 */
export function persistedDocumentSettings(env: NodeJS.ProcessEnv): PersistedDocumentSettings {
  const raw = (env.PERSISTED_DOCUMENTS ?? '').trim();
  const files = raw === '' ? [...DEFAULT_PERSISTED_DOCUMENTS] : raw === 'none' ? [] : raw.split(',').map((f) => f.trim());
  if (files.some((f) => f === '')) throw new ConfigError(`PERSISTED_DOCUMENTS must be a comma-separated list of manifest files (or none), got "${raw}"`);
  return { files: files.map((f) => path.resolve(f)), only: boolean(env, 'PERSISTED_DOCUMENTS_ONLY', false) };
}

function url(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^https?:\/\/[^/]/.test(raw) || !URL.canParse(raw)) throw new ConfigError(`${name} must be an http:// or https:// URL, got "${raw}"`);
  return raw;
}

function json(env: NodeJS.ProcessEnv, name: string, fileSetting?: string): unknown {
  let raw = env[name];
  let from = name;
  if (!raw && fileSetting && env[fileSetting]) {
    from = `${fileSetting} ${env[fileSetting]}`;
    try {
      raw = readFileSync(env[fileSetting]!, 'utf8');
    } catch (error) {
      throw new ConfigError(`${from} cannot be read: ${(error as Error).message}`);
    }
  }
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ConfigError(`${from} must hold JSON`);
  }
}

/** A private ES256 JWK with a kid: what the gateway signs viewer tokens with. */
function signingKey(env: NodeJS.ProcessEnv): JWK | undefined {
  const key = json(env, 'GATEWAY_SIGNING_KEY', 'GATEWAY_SIGNING_KEY_FILE') as JWK | undefined;
  if (key === undefined) return undefined;
  if (typeof key !== 'object' || key.kty !== 'EC' || key.crv !== 'P-256' || typeof key.d !== 'string' || typeof key.kid !== 'string' || !key.kid) {
    throw new ConfigError('GATEWAY_SIGNING_KEY must be a private ES256 JWK ({ "kty": "EC", "crv": "P-256", "x", "y", "d", "kid" }); `npm run keys` prints one');
  }
  return key;
}

function publicKeys(env: NodeJS.ProcessEnv): JSONWebKeySet | undefined {
  const jwks = json(env, 'GATEWAY_JWKS') as JSONWebKeySet | undefined;
  if (jwks === undefined) return undefined;
  if (typeof jwks !== 'object' || !Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new ConfigError('GATEWAY_JWKS must be a JWKS document: { "keys": [ ... ] }');
  if (jwks.keys.some((k) => 'd' in k)) throw new ConfigError('GATEWAY_JWKS must hold public keys only: remove "d" (the private part) from every key');
  return jwks;
}

function routerSecret(env: NodeJS.ProcessEnv): string | undefined {
  const secret = env.ROUTER_SECRET || undefined;
  if (secret !== undefined && secret.length < 16) throw new ConfigError('ROUTER_SECRET must be at least 16 characters (a random value, e.g. `openssl rand -hex 32`)');
  return secret;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(env: NodeJS.ProcessEnv, nodeEnv: string): string {
  const level = env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  return level;
}

function databaseSettings(env: NodeJS.ProcessEnv): DatabaseSettings {
  const requestTimeoutMs = integer(env, 'REQUEST_TIMEOUT_MS', 15000, 100, 600000);
  return {
    poolMax: integer(env, 'DB_POOL_MAX', 10, 1, 1000),
    poolWaitMs: integer(env, 'DB_POOL_WAIT_MS', 2000, 10, 600000),
    retryMs: integer(env, 'DB_RETRY_MS', 2000, 0, 600000),
    // A backstop only: the request's deadline cancels its statements first.
    statementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', requestTimeoutMs + 5000, 100, 3600000),
    checkCacheMs: integer(env, 'DB_CHECK_CACHE_MS', 1500, 0, 60000),
  };
}

/** The user a postgres URL names (decoded), or '' when it names none. */
function userOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username);
  } catch {
    return '';
  }
}

/**
 * MIGRATION_DATABASE_URL: the schema owner, for migrations, beside DATABASE_URL (the runtime role). Only with
 * DATABASE_URL (the embedded PostgreSQL has its own two roles), and never the same role as DATABASE_URL's.
 */
function migrationUrl(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): string | undefined {
  const url = env.MIGRATION_DATABASE_URL || undefined;
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url)) throw new ConfigError('MIGRATION_DATABASE_URL must be a postgres:// or postgresql:// URL');
  if (!databaseUrl) {
    throw new ConfigError('MIGRATION_DATABASE_URL is set without DATABASE_URL: set DATABASE_URL too (the runtime role), or neither (the embedded PostgreSQL creates its own owner and runtime roles)');
  }
  const owner = userOf(url);
  if (owner && owner === userOf(databaseUrl)) {
    throw new ConfigError(`MIGRATION_DATABASE_URL and DATABASE_URL both log in as "${owner}": DATABASE_URL must be a role that owns nothing (the runtime role), MIGRATION_DATABASE_URL the role that owns the schema`);
  }
  return url;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'test' && nodeEnv !== 'production') {
    throw new ConfigError(`NODE_ENV must be development, test or production, got "${nodeEnv}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const migrationDatabaseUrl = migrationUrl(env, databaseUrl);
  const issuers = trustedIssuers(env);
  if (nodeEnv === 'production' && issuers.length === 0) {
    throw new ConfigError('production mode needs at least one trusted identity provider: set TRUSTED_ISSUERS_FILE');
  }
  return {
    nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 4000, 0, 65535),
    databaseUrl,
    migrationDatabaseUrl,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    demoData: boolean(env, 'DEMO_DATA', nodeEnv !== 'production'),
    demoSeed: integer(env, 'DEMO_SEED', 20240124, 0, 2 ** 31 - 1),
    demoSeizures: integer(env, 'DEMO_SEIZURES', 3000, 0, 5_000_000),
    targetingAlertExpiryHours: integer(env, 'TARGETING_ALERT_EXPIRY_HOURS', 168, 1, 8760),
    debugSql: boolean(env, 'DEBUG_SQL', false),
    trustedIssuers: issuers,
    audience: env.HUB_AUDIENCE || 'port-alliance-hub',
    devIssuer: nodeEnv !== 'production',
    corePort: integer(env, 'CORE_PORT', 4001, 0, 65535),
    coreUrl: url(env, 'CORE_URL') ?? `http://127.0.0.1:${integer(env, 'CORE_PORT', 4001, 0, 65535)}/graphql`,
    subgraphHost: env.SUBGRAPH_HOST || '127.0.0.1',
    gatewayJwksUrl: url(env, 'GATEWAY_JWKS_URL'),
    gatewayJwks: publicKeys(env),
    gatewaySigningKey: signingKey(env),
    routerSecret: routerSecret(env),
    allianceGraphqlUrl: url(env, 'ALLIANCE_GRAPHQL_URL') ?? `http://127.0.0.1:${integer(env, 'PORT', 4000, 0, 65535)}/graphql`,
    childMaxHeapMb: integer(env, 'CHILD_MAX_HEAP_MB', 256, 64, 65536),
    subgraphsFile: path.resolve(env.SUBGRAPHS_FILE || 'schema/subgraphs.json'),
    demoMemberSubgraph: boolean(env, 'DEMO_MEMBER_SUBGRAPH', nodeEnv !== 'production'),
    demoMemberPort: integer(env, 'DEMO_MEMBER_PORT', 4002, 0, 65535),
    subgraphTimeoutMs: integer(env, 'SUBGRAPH_TIMEOUT_MS', 5000, 100, 120000),
    subgraphPollMs: integer(env, 'SUBGRAPH_POLL_MS', 30000, 0, 3600000),
    subgraphHealthMs: integer(env, 'SUBGRAPH_HEALTH_MS', 5000, 0, 3600000),
    registryPollMs: integer(env, 'REGISTRY_POLL_MS', 2000, 0, 3600000),
    logLevel: logLevel(env, nodeEnv),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 15000, 100, 600000),
    maxResponseBytes: integer(env, 'MAX_RESPONSE_BYTES', 5_000_000, 1000, 1_000_000_000),
    database: databaseSettings(env),
    limits: {
      maxDepth: integer(env, 'MAX_DEPTH', 12, 2, 100),
      maxAliases: integer(env, 'MAX_ALIASES', 30, 0, 1000),
      maxRootFields: integer(env, 'MAX_ROOT_FIELDS', 10, 1, 1000),
      maxDirectives: integer(env, 'MAX_DIRECTIVES', 20, 0, 1000),
      maxTokens: integer(env, 'MAX_TOKENS', 3000, 100, 1_000_000),
      costBudget: {
        ANONYMOUS: integer(env, 'COST_BUDGET_ANONYMOUS', 2000, 1, 10_000_000),
        MEMBER: integer(env, 'COST_BUDGET_MEMBER', 10000, 1, 10_000_000),
        LAW_ENFORCEMENT: integer(env, 'COST_BUDGET_LAW_ENFORCEMENT', 50000, 1, 10_000_000),
      },
      anonymousIntrospection: boolean(env, 'ANONYMOUS_INTROSPECTION', nodeEnv !== 'production'),
    },
    rateLimits: {
      windowSeconds: integer(env, 'RATE_LIMIT_WINDOW_S', 60, 1, 86400),
      perSubject: integer(env, 'RATE_LIMIT_PER_SUBJECT', 1200, 0, 10_000_000),
      perAgency: integer(env, 'RATE_LIMIT_PER_AGENCY', 6000, 0, 10_000_000),
      perAnonymousAddress: integer(env, 'RATE_LIMIT_ANONYMOUS', 300, 0, 10_000_000),
    },
    persistedDocuments: persistedDocumentSettings(env),
  };
}
