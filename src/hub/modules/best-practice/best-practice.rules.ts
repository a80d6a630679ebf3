import { allow, type IRules } from '../../policy/shield-lib.js';
import { Role } from '../../../auth/viewer.js';
import { anyRole, connectionRules, member, sameRule } from '../../policy/rules.js';

// PUBLIC sees titles and summaries of TLP:CLEAR practices; the body is for members.
const fields = ['id', 'title', 'summary', 'category', 'language', 'tlp', 'publishedAt', 'revision', 'authorAgency', 'adoptingPorts', 'createdAt', 'updatedAt', 'version'] as const;

export const bestPracticeRules: IRules = {
  Query: { bestPractice: allow, bestPractices: allow },
  Mutation: { publishBestPractice: anyRole(Role.REFERENT), reviseBestPractice: anyRole(Role.REFERENT), adoptBestPractice: anyRole(Role.REFERENT, Role.ADMIN) },
  BestPractice: { ...sameRule(fields, allow), body: member },
  Port: { adoptedBestPractices: allow },
  Agency: { bestPractices: allow },
  ...connectionRules('BestPractice'),
};
