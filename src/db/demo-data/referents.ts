// Synthetic members of the port customs referents network. Names say "Demo Referent"; e-mail addresses use
// the reserved example.org/.com/.net domains (RFC 2606); phone numbers come only from ranges reserved for
// fiction (Ofcom drama numbers +44 7700 900xxx; ARCEP fiction numbers +33 1 99 00 xx xx).
import type { Agency } from '../../hub/modules/agency/index.js';
import { Expertise, Referent } from '../../hub/modules/referent/index.js';
import { LANGUAGE_OF } from './agencies.js';
import type { DemoGraph } from './graph.js';
import type { Random } from './random.js';
import type { Weighted } from './seizure-flows.js';

/** Agencies with referents, weighted by how many they have (French customs started the network in 2022). */
const HOSTS: Weighted<string> = [
  ['FR-DGDDI', 14], ['BE-AADA', 7], ['NL-DOUANE', 7], ['ES-SVA', 7], ['IT-ADM', 7], ['DE-ZOLL', 6], ['PT-AT', 5],
  ['PL-KAS', 4], ['GR-AADE', 4], ['IE-REVENUE', 3], ['SE-TULL', 3], ['DK-TOLD', 3], ['HR-CARINA', 3], ['SI-FURS', 2],
  ['FR-OFAST', 2], ['ES-GC', 1], ['IT-GDF', 1], ['DE-ZKA', 1],
];
const GIVEN_NAMES: Readonly<Record<string, readonly string[]>> = {
  fr: ['Camille', 'Julien', 'Léa', 'Nicolas', 'Manon', 'Thomas', 'Chloé', 'Mathieu'],
  nl: ['Lotte', 'Bram', 'Sanne', 'Joris', 'Eva', 'Pieter'],
  de: ['Lukas', 'Anna', 'Jonas', 'Lea', 'Felix', 'Mia'],
  es: ['Lucía', 'Javier', 'Carmen', 'Pablo', 'Elena', 'Diego'],
  it: ['Giulia', 'Marco', 'Chiara', 'Luca', 'Francesca', 'Matteo'],
  pt: ['Inês', 'João', 'Beatriz', 'Tiago', 'Mariana', 'Rui'],
  pl: ['Zofia', 'Jakub', 'Agnieszka', 'Piotr'],
  el: ['Eleni', 'Giorgos', 'Maria', 'Nikos'],
  en: ['Aoife', 'Ciarán', 'Siobhán', 'Conor'],
  sv: ['Elsa', 'Erik', 'Maja', 'Oskar'],
  da: ['Freja', 'Mads', 'Ida', 'Anders'],
  hr: ['Ana', 'Luka', 'Ivana', 'Marko'],
  sl: ['Nina', 'Jan', 'Špela', 'Rok'],
};
const EXPERTISE = Object.values(Expertise);
const SECOND_LANGUAGES = ['fr', 'es', 'de', 'nl', 'it', 'pt'];
const REFERENT_COUNT = 80;

function phone(random: Random, agency: Agency): string | null {
  if (!random.chance(0.75)) return null;
  if (agency.country === 'FR') return `+3319900${String(random.int(0, 9999)).padStart(4, '0')}`;
  return `+447700900${String(random.int(0, 999)).padStart(3, '0')}`;
}

export function createReferents(graph: DemoGraph, servedPorts: (agencyCode: string) => readonly string[]): Referent[] {
  const random = graph.random.stream('referents');
  return Array.from({ length: REFERENT_COUNT }, (_, i) => {
    const number = String(i + 1).padStart(2, '0');
    const code = random.weighted(HOSTS);
    const agency = graph.agency(code);
    const language = LANGUAGE_OF[agency.country ?? ''] ?? 'en';
    const extra = random.chance(0.4) ? [random.pick(SECOND_LANGUAGES)] : [];
    const referent = graph.add(new Referent({
      fullName: `Demo Referent ${number} (${random.pick(GIVEN_NAMES[language] ?? GIVEN_NAMES.en!)})`,
      agency,
      expertise: random.sample(EXPERTISE, random.int(1, 3)).sort(),
      languages: [...new Set([language, 'en', ...extra])],
      email: `demo.referent${number}@${random.pick(['example.org', 'example.com', 'example.net'])}`,
      phone: phone(random, agency),
      activeSince: random.date('2022-03-01', graph.notAfterToday('2025-12-31')),
      subject: null,
    }));
    const ports = servedPorts(code);
    referent.ports.set(random.sample(ports, random.int(1, Math.min(3, ports.length))).map((p) => graph.port(p)));
    return referent;
  });
}
