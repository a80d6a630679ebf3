import { Collection } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToMany, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars.js';
import { BaseRecord, type RecordProps } from '../../common/base.entity.js';
import { Agency } from '../agency/agency.entity.js';
import { Port } from '../port/port.entity.js';

export enum Expertise {
  CONTAINER_TARGETING = 'CONTAINER_TARGETING',
  SCANNING = 'SCANNING',
  DOCUMENT_CONTROL = 'DOCUMENT_CONTROL',
  RISK_ANALYSIS = 'RISK_ANALYSIS',
  INTEGRITY = 'INTEGRITY',
  DETECTION_DOGS = 'DETECTION_DOGS',
  MARITIME_SURVEILLANCE = 'MARITIME_SURVEILLANCE',
}
registerEnumType(Expertise, { name: 'Expertise', description: "A referent's field of expertise." });

/** The ports a referent covers are set on the collection. */
export interface ReferentProps extends RecordProps {
  fullName: string;
  agency: Agency;
  activeSince: string;
  expertise?: Expertise[];
  languages?: string[];
  email?: string | null;
  phone?: string | null;
  subject?: string | null;
}

@ObjectType({ description: 'A member of the European network of port customs referents.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'referent' })
@Index({ properties: ['fullName', 'id'] })
// One profile per person within an agency. The subject is never exposed, so it is unique per agency: whether another
// agency bound it to one of its referents makes no difference to an answer (README, "Unique keys and links").
@Unique({ properties: ['agency', 'subject'] })
export class Referent extends BaseRecord {
  @Field()
  @Property({ length: 200 })
  fullName!: string;

  @ManyToOne({ entity: () => Agency, index: true })
  agency!: Agency;

  @ManyToMany({ entity: () => Port, pivotTable: 'referent_port' })
  ports = new Collection<Port>(this);

  @Field(() => [Expertise])
  @Enum({ items: () => Expertise, array: true })
  expertise: Expertise[] = [];

  @Field(() => [String], { description: 'ISO 639-1 language codes the referent works in.' })
  @Property({ type: 'string[]', columnType: 'text[]' })
  languages: string[] = [];

  // Contact data: law-enforcement audience only (enforced by the referent rules).
  @Field(() => String, { nullable: true })
  @Property({ length: 254, nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'E.164 phone number.' })
  @Property({ length: 20, nullable: true })
  phone?: string | null;

  @Field(() => LocalDateScalar, { description: 'Date (YYYY-MM-DD) the referent joined the network.' })
  @Property({ type: 'string', columnType: 'date' })
  activeSince!: string;

  // Identity-provider subject of the person, so a referent can edit their own profile. Never exposed.
  @Property({ length: 200, nullable: true })
  subject?: string | null;

  constructor(props: ReferentProps) {
    super(props);
    this.fullName = props.fullName;
    this.agency = props.agency;
    this.activeSince = props.activeSince;
    if (props.expertise !== undefined) this.expertise = props.expertise;
    if (props.languages !== undefined) this.languages = props.languages;
    this.email = props.email;
    this.phone = props.phone;
    this.subject = props.subject;
  }
}
