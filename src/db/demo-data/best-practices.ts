import { BestPractice } from '../../hub/modules/best-practice/index.js';
import { BEST_PRACTICES } from './best-practice-texts.js';
import type { DemoGraph } from './graph.js';

export function createBestPractices(graph: DemoGraph): BestPractice[] {
  return BEST_PRACTICES.map(({ author, adoptedAt, publishedOn, ...fields }) => {
    const published = graph.at(graph.notAfterToday(publishedOn));
    const practice = graph.add(new BestPractice({
      ...fields,
      originAgency: graph.agency(author),
      publishedAt: published,
      createdAt: published,
      updatedAt: published,
    }));
    practice.adoptingPorts.set(adoptedAt.map((code) => graph.port(code)));
    return practice;
  });
}
