import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseRecord, type RecordProps } from '../../common/base.entity.js';

@ObjectType({ description: "A header the gateway adds to every call to a subgraph, its value read from the gateway's environment." })
export class SubgraphHeader {
  @Field({ description: 'The HTTP header name, e.g. router-authorization.' })
  name!: string;

  @Field({ description: 'The environment variable on the gateway that holds the value. The value itself is never stored nor shown.' })
  fromEnv!: string;
}

export interface MemberSubgraphProps extends RecordProps {
  name: string;
  url: string;
  isPublic: boolean;
  headers: SubgraphHeader[];
  timeoutMs?: number | null;
  registeredBy: string;
}

@ObjectType({ description: "A member state's subgraph the gateway composes into the alliance graph, registered by an administrator." })
@Entity({ tableName: 'member_subgraph' })
export class MemberSubgraph extends BaseRecord {
  @Field({ description: 'Its name in the supergraph: lower-case letters, digits and dashes.' })
  @Property({ length: 49, unique: true })
  name!: string;

  @Field({ description: 'Where the gateway reaches it (http or https).' })
  @Property({ length: 500 })
  url!: string;

  @Field({ name: 'public', description: 'It serves public data only and may answer requests without any credential; otherwise such a subgraph is refused.' })
  @Property({ fieldName: 'public', default: false })
  isPublic: boolean = false;

  @Field(() => [SubgraphHeader], { description: 'Headers sent on every call to it, as references to environment variables of the gateway.' })
  @Property({ type: 'json', columnType: 'jsonb', defaultRaw: `'[]'` })
  headers: SubgraphHeader[] = [];

  @Field(() => Int, { nullable: true, description: 'How long the gateway waits for it, in ms; null: SUBGRAPH_TIMEOUT_MS.' })
  @Property({ type: 'integer', nullable: true })
  timeoutMs?: number | null;

  @Field(() => Date, { nullable: true, description: 'When it was retired: the gateway no longer composes it. Registering the name again brings it back.' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  retiredAt?: Date | null;

  @Field({ description: 'The administrator who registered it (identity-provider subject); changes are in the audit trail.' })
  @Property({ length: 400 })
  registeredBy!: string;

  constructor(props: MemberSubgraphProps) {
    super(props);
    this.name = props.name;
    this.url = props.url;
    this.isPublic = props.isPublic;
    this.headers = props.headers;
    this.timeoutMs = props.timeoutMs;
    this.registeredBy = props.registeredBy;
  }
}
