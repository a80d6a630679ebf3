import { Collection } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToMany, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../common/scalars.js';
import { ClassifiedRecord, type ClassifiedProps } from '../../common/classified.entity.js';
import { Agency } from '../agency/agency.entity.js';

export enum InvestigationStatus {
  OPEN = 'OPEN',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  CLOSED = 'CLOSED',
}
registerEnumType(InvestigationStatus, { name: 'InvestigationStatus' });

/** The participants are set on the collection (the lead agency, originAgency, among them). */
export interface InvestigationProps extends ClassifiedProps {
  codeName: string;
  openedOn: string;
  status?: InvestigationStatus;
  criminalGroupNotes?: string | null;
}

@ObjectType({ description: 'A coordinated investigation; TLP:RED by default.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'investigation' })
@Index({ properties: ['openedOn', 'id'] })
// A code name is the lead agency's own: unique per lead agency, so a code name of an investigation the viewer may
// not see never makes a difference to an answer (README, "Unique keys and links").
@Unique({ properties: ['originAgency', 'codeName'] })
export class Investigation extends ClassifiedRecord {
  @Field({ description: 'Code name, unique among the investigations the lead agency leads.' })
  @Property({ length: 80 })
  codeName!: string;

  @Field(() => InvestigationStatus)
  @Enum({ items: () => InvestigationStatus, index: true, default: InvestigationStatus.OPEN })
  status: InvestigationStatus = InvestigationStatus.OPEN;

  @Field(() => LocalDateScalar, { description: 'Date (YYYY-MM-DD) the investigation was opened.' })
  @Property({ type: 'string', columnType: 'date' })
  openedOn!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  criminalGroupNotes?: string | null;

  // The lead agency is the record's originAgency; participants include it.
  @ManyToMany({ entity: () => Agency, pivotTable: 'investigation_participant' })
  participants = new Collection<Agency>(this);

  constructor(props: InvestigationProps) {
    super(props);
    this.codeName = props.codeName;
    this.openedOn = props.openedOn;
    if (props.status !== undefined) this.status = props.status;
    this.criminalGroupNotes = props.criminalGroupNotes;
  }
}
