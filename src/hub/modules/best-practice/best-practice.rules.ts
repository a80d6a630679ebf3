import { Role } from '../../../auth/viewer.js';
import { ALLIANCE, connectionPolicy, PUBLIC, roles, sameAccess, type FieldPolicy } from '../../policy/field-policy.js';

// PUBLIC sees titles and summaries of TLP:CLEAR practices; the body is for members. The search snippet is for whoever
// sees the row: it is made only from what the viewer may read (best-practice.search.ts, which reads `body` here).
const fields = ['id', 'title', 'summary', 'category', 'language', 'tlp', 'handlingCode', 'publishedAt', 'revision', 'authorAgency', 'adoptingPorts', 'createdAt', 'updatedAt', 'version', 'searchSnippet'] as const;

export const bestPracticePolicy: FieldPolicy = {
  Query: { bestPractice: PUBLIC, bestPractices: PUBLIC },
  Mutation: { publishBestPractice: roles(Role.REFERENT), reviseBestPractice: roles(Role.REFERENT), adoptBestPractice: roles(Role.REFERENT, Role.ADMIN) },
  BestPractice: { ...sameAccess(fields, PUBLIC), body: ALLIANCE },
  Port: { adoptedBestPractices: PUBLIC },
  Agency: { bestPractices: PUBLIC },
  ...connectionPolicy('BestPractice'),
};
