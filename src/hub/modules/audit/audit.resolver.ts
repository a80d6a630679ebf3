import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { Agency, agencyService } from '../agency/index.js';
import { AuditEvent, AuditKey } from './audit.entity.js';
import { AuditFilter } from './audit.inputs.js';
import { auditService } from './audit.service.js';

export const AuditEventConnection = connectionType(AuditEvent);

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: 'The append-only audit trail, newest first. Administrators only.' })
  auditEvents(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter) {
    return auditService.list(ctx, filter, page);
  }

  @FieldResolver(() => [AuditKey], { description: 'The natural keys a change names (its input\'s reference, code name, subject, code or UN/LOCODE, with the acting agency), sorted by name; none for reads.' })
  keys(@Root() event: AuditEvent): AuditKey[] {
    return Object.entries(event.keys ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => ({ name, value }));
  }

  @FieldResolver(() => Agency, { nullable: true, description: "The viewer's agency." })
  agency(@Root() event: AuditEvent, @Ctx() ctx: HubContext): Promise<Agency | null> {
    return event.agency ? agencyService.of(ctx, event.agency) : Promise.resolve(null);
  }
}
