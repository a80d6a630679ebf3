import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Float, ObjectType } from 'type-graphql';
import { CountryCodeScalar, LocalDateScalar, UnLocodeScalar } from '../../common/scalars.js';
import { BaseRecord, type RecordProps } from '../../common/base.entity.js';

export interface PortProps extends RecordProps {
  unlocode: string;
  name: string;
  country: string;
  city?: string | null;
  province?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  timezone?: string | null;
  overseas?: boolean;
  memberSince?: string | null;
}

@ObjectType({ description: 'A seaport in or trading with the alliance, identified by its UN/LOCODE.' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "unlocode")')
@Entity({ tableName: 'port' })
@Index({ properties: ['country', 'name'] })
@Index({ properties: ['name', 'id'] })
export class Port extends BaseRecord {
  @Field(() => UnLocodeScalar, { description: 'UN/LOCODE: ISO 3166 country code + 3 characters, e.g. BEANR.' })
  @Property({ length: 5, unique: true })
  unlocode!: string;

  @Field()
  @Property({ length: 120 })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ length: 120, nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ length: 120, nullable: true })
  province?: string | null;

  @Field(() => CountryCodeScalar, { description: 'ISO 3166-1 alpha-2 country code.' })
  @Property({ length: 2 })
  country!: string;

  @Field(() => Float, { nullable: true, description: 'WGS 84 latitude in degrees.' })
  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS 84 longitude in degrees.' })
  @Property({ type: 'double', nullable: true })
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone.' })
  @Property({ length: 64, nullable: true })
  timezone?: string | null;

  @Field({ description: "True for ports in a member state's overseas countries and territories or outermost regions." })
  @Property({ default: false })
  overseas: boolean = false;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date (YYYY-MM-DD) the port joined the European Ports Alliance; null if it is not a member.' })
  @Property({ type: 'string', columnType: 'date', nullable: true, index: true })
  memberSince?: string | null;

  constructor(props: PortProps) {
    super(props);
    this.unlocode = props.unlocode;
    this.name = props.name;
    this.country = props.country;
    this.city = props.city;
    this.province = props.province;
    this.latitude = props.latitude;
    this.longitude = props.longitude;
    this.timezone = props.timezone;
    if (props.overseas !== undefined) this.overseas = props.overseas;
    this.memberSince = props.memberSince;
  }
}
