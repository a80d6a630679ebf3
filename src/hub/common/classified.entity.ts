import { Enum, ManyToOne } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { Agency } from '../modules/agency/agency.entity.js';
import { BaseRecord, type RecordProps } from './base.entity.js';
import { HandlingCode, Tlp } from './enums.js';
import { handlingCodeOf } from './handling-codes.js';

/** Required on every classified record: its label and the agency it came from. */
export interface ClassifiedProps extends RecordProps {
  tlp: Tlp;
  originAgency: Agency;
}

/**
 * A record carrying operational information: it knows its TLP label and the agency it came from,
 * which is all the access policy needs to decide who may see it.
 */
@ObjectType()
export abstract class ClassifiedRecord extends BaseRecord {
  @Field(() => Tlp, { description: 'Traffic Light Protocol 2.0 label: who may see this record.' })
  @Enum({ items: () => Tlp, index: true })
  tlp!: Tlp;

  // Exposed under a domain name by each module's resolver (reportingAgency, leadAgency, authorAgency, …).
  @ManyToOne({ entity: () => Agency, index: true })
  originAgency!: Agency;

  /**
   * The lowest label a release (releaseRecord) gave the record; null when no release lowered it. A correction may
   * keep or lower the label, never raise it above this (policy/release-floor.ts): what was released stays released.
   * A column rather than derived from record_release: a release that only lowers the label names no agency, so it
   * leaves no grant row; here the floor is read with the record a correction already locks (no extra statement),
   * and the database checks `tlp` against it within the row (a check constraint cannot read another table) and
   * refuses raising or clearing it (a trigger; migrations/Migration20261130190000_release_floor.ts).
   */
  @Enum({ items: () => Tlp, nullable: true })
  releaseFloor?: Tlp | null;

  /** Not a column: derived from the label (handling-codes.ts), or the provider's own code where the type keeps one. */
  @Field(() => HandlingCode, {
    name: 'handlingCode',
    nullable: true,
    description: "Europol SIENA handling code: the provider's own where it chose one (seizures), else the one the TLP label implies (README, \"TLP and SIENA handling codes\"); null for GREEN and CLEAR.",
  })
  get sienaHandlingCode(): HandlingCode | null {
    return this.providerHandlingCode() ?? handlingCodeOf(this.tlp);
  }

  /** The code the provider chose for this record, for types that let it choose one. */
  protected providerHandlingCode(): HandlingCode | null {
    return null;
  }

  constructor(props: ClassifiedProps) {
    super(props);
    this.tlp = props.tlp;
    this.originAgency = props.originAgency;
  }
}
