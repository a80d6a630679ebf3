import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';
import { ClassifiedRecord, type ClassifiedProps } from '../../common/classified.entity.js';

/** Descriptions by language (ISO 639-1 code → text). */
export type Descriptions = Record<string, string>;

export interface RiskIndicatorProps extends ClassifiedProps {
  code: string;
  descriptions: Descriptions;
}

/**
 * A risk criterion of the referents' shared catalogue: what a targeting alert says fired. The code is namespaced by
 * the owner agency (`<agency code>/<local code>`, e.g. `FR-DGDDI/REEFER-SEAL`), so a code is unique in the whole
 * alliance while a clash can only be with the owner's own indicators, which its referents all see: a hidden
 * indicator of another agency never changes an answer (README, "Targeting alerts").
 */
@ObjectType({ description: "A risk indicator of the referents' shared catalogue." })
@Entity({ tableName: 'risk_indicator' })
@Index({ properties: ['code', 'id'] })
export class RiskIndicator extends ClassifiedRecord {
  @Field({ description: 'Stable code, `<owner agency code>/<local code>`, e.g. FR-DGDDI/REEFER-SEAL.' })
  @Property({ length: 73, unique: true })
  code!: string;

  /** Exposed as a list of (language, text) by the resolver. */
  @Property({ type: 'json', columnType: 'jsonb' })
  descriptions!: Descriptions;

  constructor(props: RiskIndicatorProps) {
    super(props);
    this.code = props.code;
    this.descriptions = props.descriptions;
  }
}
