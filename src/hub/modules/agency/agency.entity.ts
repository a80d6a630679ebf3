import { Collection } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToMany, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { BaseRecord, type RecordProps } from '../../common/base.entity.js';
import { CountryCodeScalar } from '../../common/scalars.js';
import { Port } from '../port/port.entity.js';

export enum AgencyKind {
  CUSTOMS = 'CUSTOMS',
  POLICE = 'POLICE',
  JUDICIAL = 'JUDICIAL',
  PORT_AUTHORITY = 'PORT_AUTHORITY',
  COORDINATION_BODY = 'COORDINATION_BODY',
  EU_BODY = 'EU_BODY',
  PRIVATE_OPERATOR = 'PRIVATE_OPERATOR',
}
registerEnumType(AgencyKind, { name: 'AgencyKind', description: 'What kind of organisation an agency is.' });

/** The ports it serves are set on the collection. */
export interface AgencyProps extends RecordProps {
  code: string;
  name: string;
  kind: AgencyKind;
  country?: string | null;
  website?: string | null;
}

@ObjectType({ description: 'An organisation taking part in the alliance: public authority, EU body or private operator.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'agency' })
@Index({ properties: ['name', 'id'] })
export class Agency extends BaseRecord {
  @Field({ description: 'Short stable code, e.g. FR-DGDDI.' })
  @Property({ length: 32, unique: true })
  code!: string;

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => AgencyKind)
  @Enum({ items: () => AgencyKind, index: true })
  kind!: AgencyKind;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'ISO 3166-1 alpha-2 country code; null for EU bodies.' })
  @Property({ length: 2, nullable: true, index: true })
  country?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 300, nullable: true })
  website?: string | null;

  @ManyToMany({ entity: () => Port, pivotTable: 'agency_port' })
  ports = new Collection<Port>(this);

  constructor(props: AgencyProps) {
    super(props);
    this.code = props.code;
    this.name = props.name;
    this.kind = props.kind;
    this.country = props.country;
    this.website = props.website;
  }
}
