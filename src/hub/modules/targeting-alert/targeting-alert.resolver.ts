import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { connectionType, PageArgs } from '../../common/pagination.js';
import { Agency, agencyService } from '../agency/index.js';
import { Port } from '../port/index.js';
import { RiskIndicator } from '../risk-indicator/index.js';
import { Seizure } from '../seizure/index.js';
import { TargetingAlert, TargetingAlertStatus } from './targeting-alert.entity.js';
import { AcknowledgeTargetingAlertInput, RaiseTargetingAlertInput, RecordControlOutcomeInput, TargetingAlertFilter } from './targeting-alert.inputs.js';
import { targetingAlertMutations } from './targeting-alert.mutations.js';
import { targetingAlertService } from './targeting-alert.service.js';

export const TargetingAlertConnection = connectionType(TargetingAlert);

@Resolver(() => TargetingAlert)
export class TargetingAlertResolver {
  @Query(() => TargetingAlert, { description: 'One targeting alert by id.' })
  targetingAlert(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<TargetingAlert> {
    return targetingAlertService.get(ctx, id);
  }

  @Query(() => TargetingAlertConnection, { description: 'Targeting alerts you may see, latest raised first (law enforcement only).' })
  targetingAlerts(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => TargetingAlertFilter, { nullable: true }) filter?: TargetingAlertFilter) {
    return targetingAlertService.list(ctx, filter, page);
  }

  @FieldResolver(() => TargetingAlertStatus, { nullable: true })
  status(@Root() alert: TargetingAlert, @Ctx() ctx: HubContext): TargetingAlertStatus {
    return targetingAlertService.status(ctx, alert);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The agency that raised the alert.' })
  raisingAgency(@Root() alert: TargetingAlert, @Ctx() ctx: HubContext): Promise<Agency> {
    return agencyService.of(ctx, alert.originAgency);
  }

  @FieldResolver(() => Port, { nullable: true })
  portOfLoading(@Root() alert: TargetingAlert, @Ctx() ctx: HubContext): Promise<Port> {
    return targetingAlertService.port(ctx, alert.portOfLoading);
  }

  @FieldResolver(() => [Port], { nullable: true, description: 'Transshipment ports in route order.' })
  transshipmentPorts(@Root() alert: TargetingAlert, @Ctx() ctx: HubContext): Promise<Port[]> {
    return targetingAlertService.transshipmentPorts(ctx, alert);
  }

  @FieldResolver(() => Port, { nullable: true })
  portOfDischarge(@Root() alert: TargetingAlert, @Ctx() ctx: HubContext): Promise<Port> {
    return targetingAlertService.port(ctx, alert.portOfDischarge);
  }

  @FieldResolver(() => [RiskIndicator], { nullable: true, description: 'The risk indicators that fired, those you may see.' })
  riskIndicators(@Root() alert: TargetingAlert, @Ctx() ctx: HubContext): Promise<RiskIndicator[]> {
    return targetingAlertService.riskIndicators(ctx, alert);
  }

  @FieldResolver(() => [Agency], { nullable: true, description: 'The agencies warned, by name.' })
  addressedAgencies(@Root() alert: TargetingAlert, @Ctx() ctx: HubContext): Promise<Agency[]> {
    return targetingAlertService.addressedAgencies(ctx, alert);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The addressed agency that took the alert on.' })
  acknowledgingAgency(@Root() alert: TargetingAlert, @Ctx() ctx: HubContext): Promise<Agency | null> {
    return targetingAlertService.acknowledgingAgency(ctx, alert);
  }

  @FieldResolver(() => Seizure, { nullable: true, description: 'The seizure the control led to, when you may see it.' })
  seizure(@Root() alert: TargetingAlert, @Ctx() ctx: HubContext): Promise<Seizure | null> {
    return targetingAlertService.seizure(ctx, alert);
  }

  @Mutation(() => TargetingAlert, { description: 'Raises a container-targeting alert on behalf of your customs or police agency.' })
  raiseTargetingAlert(@Ctx() ctx: HubContext, @Arg('input', () => RaiseTargetingAlertInput) input: RaiseTargetingAlertInput): Promise<TargetingAlert> {
    return targetingAlertMutations.raise(ctx, input);
  }

  @Mutation(() => TargetingAlert, { description: 'Your agency, addressed by the alert, takes it on (OPEN → ACKNOWLEDGED).' })
  acknowledgeTargetingAlert(@Ctx() ctx: HubContext, @Arg('input', () => AcknowledgeTargetingAlertInput) input: AcknowledgeTargetingAlertInput): Promise<TargetingAlert> {
    return targetingAlertMutations.acknowledge(ctx, input);
  }

  @Mutation(() => TargetingAlert, { description: 'Records the control outcome of an alert your agency acknowledged (ACKNOWLEDGED → CLOSED).' })
  recordControlOutcome(@Ctx() ctx: HubContext, @Arg('input', () => RecordControlOutcomeInput) input: RecordControlOutcomeInput): Promise<TargetingAlert> {
    return targetingAlertMutations.recordOutcome(ctx, input);
  }
}

@Resolver(() => Port)
export class PortTargetingAlertsResolver {
  @FieldResolver(() => TargetingAlertConnection, { description: 'Targeting alerts whose route (loading, transshipment or discharge) includes the port, latest raised first.' })
  targetingAlerts(@Root() port: Port, @Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => TargetingAlertFilter, { nullable: true }) filter?: TargetingAlertFilter) {
    return targetingAlertService.ofPort(ctx, port, filter, page);
  }
}

@Resolver(() => Seizure)
export class SeizureAlertResolver {
  @FieldResolver(() => TargetingAlert, { nullable: true, description: 'The targeting alert whose control led to the seizure, when you may see one.' })
  alert(@Root() seizure: Seizure, @Ctx() ctx: HubContext): Promise<TargetingAlert | null> {
    return targetingAlertService.alertOfSeizure(ctx, seizure);
  }
}
