import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Agency } from '../modules/agency/agency.entity.js';
import { ClassifiedRecordType } from './enums.js';

/**
 * A release grant: the originating agency of a classified record let `agency` see it (`releaseRecord`,
 * modules/release/). The agency then sees the record as if it were named on it, whatever its label becomes
 * (policy/tlp.ts `visibleRows`). Grants are only ever added: a trigger refuses UPDATE and DELETE
 * (Migration20261130180000_record_release), so what was released stays released.
 *
 * `recordId` names a row of the table of `recordType` (no foreign key: one grant table serves every classified type;
 * the ids are UUIDs, unique across tables).
 */
// Row visibility asks "is this record released to the viewer's agency?" as `id in (select record_id … where
// agency_id = ? and record_type = ?)`: this index answers it alone (an index-only scan).
@Index({ properties: ['agency', 'recordType', 'recordId'] })
@Entity({ tableName: 'record_release' })
export class RecordRelease {
  @PrimaryKey({ type: 'uuid' })
  recordId!: string;

  @ManyToOne({ entity: () => Agency, primary: true, deleteRule: 'restrict' })
  agency!: Agency;

  @Enum({ items: () => ClassifiedRecordType })
  recordType!: ClassifiedRecordType;

  /** Issuer-qualified subject of the member who released it (the audit trail has the rest). */
  @Property({ length: 400 })
  releasedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  releasedAt: Date = new Date();
}
