// The only reader of process.env: parsed and validated once, fails fast with a clear message.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TrustedIssuer } from './auth/tokens.js';

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  /** When set, the hub uses this PostgreSQL server; otherwise it starts an embedded one. */
  databaseUrl?: string;
  /** Folder for the embedded PostgreSQL cluster (git-ignored). */
  dataDir: string;
  embeddedPgPort: number;
  /** Load demo data when the database has no ports yet. */
  demoData: boolean;
  /** Seed for the synthetic demo data, so two runs build the same graph. */
  demoSeed: number;
  demoSeizures: number;
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
  /** The member-state subgraphs the gateway composes (watched for changes). */
  subgraphsFile: string;
  /** Start the demo member-state subgraph (a fictional national service) on its port. */
  demoMemberSubgraph: boolean;
  demoMemberPort: number;
  /** How long the gateway waits for a subgraph. */
  subgraphTimeoutMs: number;
  /** How often the gateway re-reads the subgraphs' schemas (0: only when the registry changes). */
  subgraphPollMs: number;
}

export class ConfigError extends Error {}

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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'test' && nodeEnv !== 'production') {
    throw new ConfigError(`NODE_ENV must be development, test or production, got "${nodeEnv}"`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const issuers = trustedIssuers(env);
  if (nodeEnv === 'production' && issuers.length === 0) {
    throw new ConfigError('production mode needs at least one trusted identity provider: set TRUSTED_ISSUERS_FILE');
  }
  return {
    nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 4000, 0, 65535),
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    demoData: boolean(env, 'DEMO_DATA', nodeEnv !== 'production'),
    demoSeed: integer(env, 'DEMO_SEED', 20240124, 0, 2 ** 31 - 1),
    demoSeizures: integer(env, 'DEMO_SEIZURES', 3000, 0, 100000),
    debugSql: boolean(env, 'DEBUG_SQL', false),
    trustedIssuers: issuers,
    audience: env.HUB_AUDIENCE || 'port-alliance-hub',
    devIssuer: nodeEnv !== 'production',
    corePort: integer(env, 'CORE_PORT', 4001, 0, 65535),
    subgraphsFile: path.resolve(env.SUBGRAPHS_FILE || 'schema/subgraphs.json'),
    demoMemberSubgraph: boolean(env, 'DEMO_MEMBER_SUBGRAPH', nodeEnv !== 'production'),
    demoMemberPort: integer(env, 'DEMO_MEMBER_PORT', 4002, 0, 65535),
    subgraphTimeoutMs: integer(env, 'SUBGRAPH_TIMEOUT_MS', 5000, 100, 120000),
    subgraphPollMs: integer(env, 'SUBGRAPH_POLL_MS', 30000, 0, 3600000),
  };
}
