import { Arg, createUnionType, Ctx, Mutation, Resolver } from 'type-graphql';
import type { HubContext } from '../../context.js';
import type { ClassifiedRecord } from '../../common/classified.entity.js';
import { ReleaseRecordInput } from './release.inputs.js';
import { releaseMutations } from './release.mutations.js';
import { CLASSIFIED_TYPES } from './release.registry.js';

/** Any classified record: what releaseRecord returns (ask for the fields of its type with `... on Seizure { … }`). */
export const ClassifiedRecordUnion = createUnionType({
  name: 'Classified',
  description: 'A record that carries a TLP label and an originating agency.',
  types: () => CLASSIFIED_TYPES.map((t) => t.entity) as never,
  resolveType: (record: object) => CLASSIFIED_TYPES.find((t) => record instanceof t.entity)?.type,
});

@Resolver()
export class ReleaseResolver {
  @Mutation(() => ClassifiedRecordUnion, {
    description: "Widens who sees one of your agency's AMBER+STRICT or RED records (README, \"Releasing a record\"): the agencies named see it whatever its label, a lower label widens its audience; nothing released is taken back. Audited.",
  })
  releaseRecord(@Ctx() ctx: HubContext, @Arg('input', () => ReleaseRecordInput) input: ReleaseRecordInput): Promise<ClassifiedRecord> {
    return releaseMutations.release(ctx, input);
  }
}
