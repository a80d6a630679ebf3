import { ArrayMaxSize, IsNotIn, Matches, Max, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { IdempotencyKeyField } from '../../common/idempotency.js';
import { VersionField } from '../../common/validation.js';
import {
  ENV_NAME, headerProblems, MAX_HEADERS, MAX_TIMEOUT_MS, MIN_TIMEOUT_MS, repeatedHeader, RESERVED_SUBGRAPH_NAMES, SUBGRAPH_NAME, SUBGRAPH_NAME_RULE, SUBGRAPH_URL,
} from '../../../gateway/subgraph-entry.js';

// The rules are the gateway's own (src/gateway/subgraph-entry.ts), so that what is registered here is what it accepts.

@InputType({ description: 'A header for every call to a subgraph: its name, and the environment variable on the gateway that holds its value.' })
export class SubgraphHeaderInput {
  @Field(() => String, { description: 'An HTTP header name the gateway does not set itself (not authorization, host, content-type, traceparent, idempotency-key, cookie …).' })
  @ValidateBy({ name: 'headerName', validator: { validate: (v: unknown) => !headerProblems({ name: v, fromEnv: 'X' }).length, defaultMessage: (a) => headerProblems({ name: a?.value, fromEnv: 'X' })[0]?.message ?? '' } })
  name!: string;

  @Field(() => String, { description: 'The environment variable, e.g. BE_CUSTOMS_ROUTER_SECRET. Never the secret itself.' })
  @Matches(ENV_NAME, { message: 'fromEnv must name an environment variable: capitals, digits and _, starting with a capital (never the secret itself)' })
  fromEnv!: string;
}

/** Each header at most once (HTTP names are case-insensitive). */
function DistinctHeaders() {
  return ValidateBy({
    name: 'distinctHeaders',
    validator: {
      validate: (v: unknown) => !Array.isArray(v) || v.some((h) => typeof h?.name !== 'string') || repeatedHeader(v) === null,
      defaultMessage: () => 'headers must name each header once',
    },
  });
}

/** Fields an administrator sets on a registration, shared by registration and update. */
@InputType() // never emitted itself: only its subclasses are used in the schema
class SubgraphFields {
  @Field(() => String, { nullable: true, description: 'Where the gateway reaches it: an http:// or https:// URL.' })
  @Matches(SUBGRAPH_URL, { message: 'url must be an http:// or https:// URL' })
  @ValidateBy({ name: 'parsableUrl', validator: { validate: (v: unknown) => v == null || (typeof v === 'string' && URL.canParse(v)), defaultMessage: () => 'url must be an http:// or https:// URL' } })
  @MaxLength(500)
  url?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'It serves public data only and may answer without any credential (default false).' })
  public?: boolean | null;

  @Field(() => [SubgraphHeaderInput], { nullable: true, description: `Headers sent on every call to it (at most ${MAX_HEADERS}; replaces the list).` })
  @ArrayMaxSize(MAX_HEADERS)
  @ValidateNested({ each: true })
  @DistinctHeaders()
  headers?: SubgraphHeaderInput[] | null;

  @Field(() => Int, { nullable: true, description: `How long the gateway waits for it, ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS} ms; null: SUBGRAPH_TIMEOUT_MS.` })
  @Min(MIN_TIMEOUT_MS)
  @Max(MAX_TIMEOUT_MS)
  timeoutMs?: number | null;
}

@InputType({ description: "A member state's subgraph for the gateway to compose. A retired name is registered again in place." })
export class RegisterSubgraphInput extends SubgraphFields {
  @Field(() => String, { description: `Its name in the supergraph: ${SUBGRAPH_NAME_RULE}; not "core".` })
  @Matches(SUBGRAPH_NAME, { message: `name must be ${SUBGRAPH_NAME_RULE}` })
  @IsNotIn(RESERVED_SUBGRAPH_NAMES as string[], { message: 'name "core" is the core subgraph\'s' })
  name!: string;

  @Field(() => String)
  override url!: string;

  @IdempotencyKeyField('registration')
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a registration; omitted fields stay, null resets optional ones.' })
export class UpdateSubgraphInput extends SubgraphFields {
  @Field(() => String)
  name!: string;

  @VersionField()
  version!: number;
}

@InputType({ description: 'A registration to retire: the gateway stops composing it within seconds.' })
export class RetireSubgraphInput {
  @Field(() => String)
  name!: string;

  @VersionField()
  version!: number;
}

@InputType({ description: 'Filters for the registrations list.' })
export class MemberSubgraphFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: retired registrations too (default: those in force only).' })
  includeRetired?: boolean | null;
}
