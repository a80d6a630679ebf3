import type { FilterQuery } from '@mikro-orm/postgresql';
import type { HubContext } from '../../context.js';
import { badInput } from '../../common/errors.js';
import { isUuid } from '../../../ids.js';
import { findPage, type PageArgs, type SortKeys } from '../../common/pagination.js';
import { AuditEvent } from './audit.entity.js';
import type { AuditFilter } from './audit.inputs.js';

export const auditOrder: SortKeys<AuditEvent> = [['at', 'desc']];

export function auditWhere(filter: AuditFilter | null | undefined): FilterQuery<AuditEvent> {
  const where: FilterQuery<AuditEvent>[] = [];
  if (filter?.viewerSubject) where.push({ viewerSubject: filter.viewerSubject });
  if (filter?.agencyId) {
    if (!isUuid(filter.agencyId)) throw badInput({ field: 'filter.agencyId', message: 'is not an agency id' });
    where.push({ agency: filter.agencyId });
  }
  if (filter?.recordId) where.push({ recordIds: { $contains: [filter.recordId] } });
  if (filter?.from) where.push({ at: { $gte: filter.from } });
  if (filter?.to) where.push({ at: { $lt: filter.to } });
  return where.length ? { $and: where } : {};
}

export const auditService = {
  /** The trail, newest first. Administrators only (audit.rules.ts). */
  list(ctx: HubContext, filter: AuditFilter | null | undefined, page: PageArgs) {
    return findPage(ctx.em, AuditEvent, auditWhere(filter), auditOrder, page);
  },
};
