// Stable error codes for clients; nothing internal (stack, SQL, table names) ever reaches them.
import { randomUUID } from 'node:crypto';
import type { GraphQLResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { databaseFault, writeOutcomeOf } from '../../db/availability.js';
import { databaseError, PUBLIC_ERROR_CODES, setOutageStatus } from '../../http.js';
import { logger } from '../../observability/logger.js';
import { cancellationOf, cancelledError, RequestCancelled } from '../../limits/deadline.js';
import { limitRefusal } from '../../limits/operation-limits.js';
import { literalFieldPath } from './literal-path.js';
import { InvalidValueError } from './scalars.js';

export interface FieldProblem {
  field: string;
  message: string;
}

/** One BAD_USER_INPUT error listing every bad field; `field` names the first. */
export function badInput(problems: FieldProblem[] | FieldProblem): GraphQLError {
  const list = Array.isArray(problems) ? problems : [problems];
  const message = list.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new GraphQLError(`Invalid input: ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', field: list[0]?.field, fields: list },
  });
}

/** The viewer may not do or read this: the message says what, never why or what is hidden. */
export function forbidden(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', ...(field ? { field } : {}) } });
}

/** An anonymous viewer asked for something only members may do: sign in first. */
export function unauthenticated(message = 'Sign in to do this'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function notFound(type: string, key: string): GraphQLError {
  return new GraphQLError(`${type} ${key} not found`, { extensions: { code: 'NOT_FOUND' } });
}

export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT' } });
}

export function staleVersion(type: string, id: string): GraphQLError {
  return conflict(`${type} ${id} was changed by someone else since you read it; reload it and apply your change again`);
}

/**
 * The request's audit trail could not be written. An answer with data is withheld (nothing is served unaudited)
 * and replaced by an outage error; a mutation's change, if made, was audited in its own transaction, but its
 * client cannot know whether it was: UNKNOWN tells it to retry with its idempotency key. An answer without data
 * served nothing and keeps its own errors. Returns whether the answer was withheld.
 */
export function withholdUnaudited(response: GraphQLResponse, error: unknown, mutation: boolean): boolean {
  if (response.body.kind !== 'single' || response.body.singleResult.data == null) return false;
  const fault = databaseFault(error);
  response.body.singleResult.data = null;
  response.body.singleResult.errors = [
    fault
      ? databaseError(fault, mutation ? 'UNKNOWN' : undefined)
      : { message: 'The answer was withheld: its audit trail could not be written', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
  ];
  if (fault) setOutageStatus(response);
  else response.http.status = 500;
  return true;
}

// graphql-js puts the path of a bad variable in its message: `... at "input.containerNumber"; ...`.
const variablePath = /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)"/;
const variableName = /^Variable "\$(\w+)"/;
// ... and names a missing required input field separately: `Field "port" of required type "UnLocode!" was not provided.`
const missingField = /Field "(\w+)" of required type/;

/**
 * Apollo's formatError: keeps public errors (with a `field` for bad input), turns the ORM's lock and unique
 * errors into CONFLICT, and replaces anything else with an opaque message and an id for the logs.
 */
/** A statement cancelled by the request's bounds: an abort from the driver, or PostgreSQL's query_canceled. */
function wasCancelled(error: unknown): RequestCancelled | null {
  const cancelled = cancellationOf(error);
  if (cancelled) return cancelled;
  for (let e = error as { name?: string; code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.name === 'AbortError' || e.code === '57014') return new RequestCancelled('deadline');
  }
  return null;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const code = formatted.extensions?.code as string | undefined;
  const tokens = limitRefusal(formatted, error);
  if (tokens) return tokens;
  const cancelled = wasCancelled(original);
  if (cancelled) {
    const { message, extensions } = cancelledError(cancelled);
    return { message, path: formatted.path, extensions };
  }

  const fault = databaseFault(original);
  if (fault) return databaseError(fault, writeOutcomeOf(original), formatted.path);

  if (original instanceof InvalidValueError || (code === 'BAD_USER_INPUT' && !formatted.extensions?.field)) {
    // Scalar failures arrive as variable-coercion or (inline literals) validation errors.
    const m = variablePath.exec(formatted.message) ?? variableName.exec(formatted.message);
    const missing = missingField.exec(formatted.message)?.[1];
    const base = m ? (m[2] ?? m[1]) : error instanceof GraphQLError ? literalFieldPath(error) : undefined;
    const field = base && missing ? `${base}.${missing}` : base;
    return { message: formatted.message, locations: formatted.locations, path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } };
  }
  if (original instanceof OptimisticLockError) {
    return { message: 'The record was changed by someone else since you read it; reload it and apply your change again',
      path: formatted.path, extensions: { code: 'CONFLICT' } };
  }
  if (original instanceof UniqueConstraintViolationException) {
    return { message: 'A record with the same unique value already exists', path: formatted.path, extensions: { code: 'CONFLICT' } };
  }
  if (code && PUBLIC_ERROR_CODES.has(code)) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const errorId = randomUUID();
  logger.error({ errorId, err: original }, 'core error');
  return { message: `Internal error (reference ${errorId})`, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', errorId } };
}
