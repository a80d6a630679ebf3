// Per request: one EntityManager fork, the viewer, and fresh DataLoaders (nothing cached across requests).
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { requestEntityManager } from './common/sql.js';
import type { Viewer } from '../auth/viewer.js';
import { createLoaders, type Loaders } from './loaders.js';
import { AuditTrail } from './modules/audit/index.js';
import { loadConfig } from '../config.js';

/** Settings of the hub's own rules that come from the configuration (config.ts). */
export interface HubSettings {
  /** Hours after a container's expected arrival at which an alert not closed is EXPIRED. */
  targetingAlertExpiryHours: number;
}

/** The configuration's defaults, for callers that pass no settings (benchmarks, tools). */
export function defaultHubSettings(): HubSettings {
  return { targetingAlertExpiryHours: loadConfig({}).targetingAlertExpiryHours };
}

export interface HubContext {
  em: EntityManager;
  viewer: Viewer;
  loaders: Loaders;
  /** What this request read of AMBER-or-above data and changed; written once at the end (audit.plugin.ts). */
  audit: AuditTrail;
  signal?: AbortSignal;
  /** express `res.locals`: operation and outcome for the request's log line. */
  locals: Record<string, unknown>;
  /** The request's Idempotency-Key header (forwarded by the gateway), for a mutation whose input has none. */
  idempotencyKey?: string;
  settings: HubSettings;
}

/** `signal`: the request's bounds (deadline, client gone); its SQL is cancelled when it aborts. */
export function createContext(orm: MikroORM, viewer: Viewer, signal?: AbortSignal, locals: Record<string, unknown> = {}, idempotencyKey?: string, settings: HubSettings = defaultHubSettings()): HubContext {
  const em = requestEntityManager(orm.em, signal) as EntityManager;
  return { em, viewer, loaders: createLoaders(em, viewer, settings), audit: new AuditTrail(viewer), signal, locals, idempotencyKey, settings };
}
