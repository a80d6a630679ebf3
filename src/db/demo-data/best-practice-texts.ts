// Texts of the demo best practices: generic port-security practice as described in public sources, written
// for the demo, in the languages the network works in. No persons, no operational detail.
import { Tlp } from '../../hub/common/enums.js';
import { BestPracticeCategory as C } from '../../hub/modules/best-practice/index.js';

export interface BestPracticeSeed {
  title: string;
  summary: string;
  body: string;
  category: C;
  language: string;
  author: string;
  adoptedAt: readonly string[];
  tlp: Tlp;
  publishedOn: string;
  revision: number;
}

export const BEST_PRACTICES: readonly BestPracticeSeed[] = [
  {
    title: 'Scoring reefer containers from high-risk ports before arrival',
    summary: 'Combine pre-arrival cargo data, the port of loading and the age of the consignee into one score so that officers open the few reefers that matter.',
    body: 'Reefer containers carrying fruit are a frequent cover for rip-on/rip-off loads. The practice scores each reefer announced in the pre-arrival declarations on a small set of indicators: high-risk port of loading, transshipment, a consignee registered recently, cargo description inconsistent with the tariff code, and an unusual booking history. Containers above the threshold are scanned on discharge; the threshold is reviewed monthly against results so that the selection stays small and effective.',
    category: C.RISK_ASSESSMENT, language: 'en', author: 'NL-DOUANE', adoptedAt: ['NLRTM', 'BEANR', 'DEHAM', 'FRLEH'], tlp: Tlp.GREEN, publishedOn: '2022-10-04', revision: 3,
  },
  {
    title: 'Contrôle ciblé des conteneurs frigorifiques : inspecter le groupe froid en sécurité',
    summary: "Une procédure commune pour inspecter le groupe froid et les cavités d'un conteneur frigorifique sans rompre la chaîne du froid.",
    body: "Les groupes froids et les doubles parois des conteneurs frigorifiques servent régulièrement de cachette. La procédure décrit l'ordre des vérifications (scellés, vis du panneau, condenseur, évaporateur), le matériel nécessaire (endoscope, outillage isolé) et la coordination avec le manutentionnaire pour brancher le conteneur pendant le contrôle. Elle réduit le temps d'immobilisation et les risques pour les agents.",
    category: C.TARGETED_CONTROLS, language: 'fr', author: 'FR-DGDDI', adoptedAt: ['FRLEH', 'FRMRS', 'MQFDF', 'GPPTP'], tlp: Tlp.CLEAR, publishedOn: '2023-03-15', revision: 2,
  },
  {
    title: 'Toegangsbeheer tot terminals met persoonlijke badges',
    summary: 'Alleen wie een persoonlijke, gecontroleerde badge heeft, komt op de terminal; bezoekers worden begeleid en geregistreerd.',
    body: 'Criminele organisaties zoeken toegang tot terminals om containers te ontladen voordat de douane ze ziet. Met persoonlijke badges die aan een betrouwbaarheidsonderzoek gekoppeld zijn, een centrale registratie van bezoekers en automatische blokkering bij verlies wordt ongeautoriseerde toegang zichtbaar. De havenautoriteit beheert het systeem samen met de terminaloperatoren.',
    category: C.ANTI_CORRUPTION, language: 'nl', author: 'BE-POAB', adoptedAt: ['BEANR', 'BEZEE', 'NLRTM'], tlp: Tlp.CLEAR, publishedOn: '2024-02-20', revision: 1,
  },
  {
    title: 'Equipos conjuntos aduana-policía para entregas vigiladas en el puerto',
    summary: 'Un protocolo para decidir en pocas horas si un contenedor con droga se deja seguir bajo vigilancia en lugar de incautarlo en el muelle.',
    body: 'Cuando el análisis de riesgo detecta un contenedor sospechoso, el equipo conjunto evalúa con la fiscalía la posibilidad de una entrega vigilada. El protocolo fija quién decide, qué información se comparte y cómo se documenta la cadena de custodia, para que las pruebas sean válidas ante el juez y la organización detrás del envío pueda ser identificada.',
    category: C.COORDINATED_INVESTIGATION, language: 'es', author: 'ES-SVA', adoptedAt: ['ESALG', 'ESVLC'], tlp: Tlp.AMBER, publishedOn: '2023-06-12', revision: 2,
  },
  {
    title: 'Einsatz mobiler Containerprüfanlagen an Umschlagterminals',
    summary: 'Mobile Röntgenanlagen werden dort eingesetzt, wo die Risikoanalyse Container auswählt, statt sie zu einer festen Anlage zu bewegen.',
    body: 'Der Transport ausgewählter Container zu einer festen Prüfanlage kostet Zeit und gibt Tätern Gelegenheit, die Ladung zu bergen. Mobile Anlagen werden nach einem wöchentlichen Plan an den Terminals mit den meisten Risikotreffern eingesetzt. Die Bilder werden zentral ausgewertet; Auffälligkeiten führen zu einer sofortigen Beschau vor Ort.',
    category: C.EQUIPMENT, language: 'de', author: 'DE-ZOLL', adoptedAt: ['DEHAM', 'DEBRV'], tlp: Tlp.GREEN, publishedOn: '2022-05-30', revision: 1,
  },
  {
    title: "Formazione congiunta sull'analisi delle immagini scanner",
    summary: 'Sessioni comuni tra porti per riconoscere anomalie nelle immagini radiografiche dei container.',
    body: "Gli analisti di porti diversi esaminano insieme immagini anonimizzate di casi chiusi, confrontando le anomalie riscontrate (densità, pareti modificate, carichi incoerenti con la dichiarazione). La formazione riduce i falsi positivi e diffonde la conoscenza dei nuovi metodi di occultamento.",
    category: C.TRAINING, language: 'it', author: 'IT-ADM', adoptedAt: ['ITGOA', 'ITGIT', 'ITSPE', 'ITTRS'], tlp: Tlp.GREEN, publishedOn: '2023-11-08', revision: 1,
  },
  {
    title: 'Protocolo com operadores de terminal para comunicação de anomalias',
    summary: 'Os operadores de terminal comunicam à alfândega, num canal único, selos violados, movimentos fora de sequência e acessos suspeitos.',
    body: 'Os trabalhadores do terminal são muitas vezes os primeiros a ver sinais de contaminação de contentores. O protocolo define as anomalias a comunicar, o canal a utilizar e o retorno dado pela alfândega, protegendo a identidade de quem comunica. Os resultados são avaliados em reuniões trimestrais com os operadores.',
    category: C.PUBLIC_PRIVATE_PARTNERSHIP, language: 'pt', author: 'PT-AT', adoptedAt: ['PTSIE', 'PTLEI'], tlp: Tlp.CLEAR, publishedOn: '2024-04-17', revision: 1,
  },
  {
    title: 'Replacing PIN codes with secure container release',
    summary: 'Release rights passed through an authenticated chain instead of PIN codes that can be stolen and resold.',
    body: 'PIN-code fraud lets criminals collect a container before the rightful consignee. Secure release replaces the code by a release right that moves from the shipping line to the forwarder and the haulier through authenticated systems, so that only the party entitled to collect the container can do so. The port community system logs every transfer.',
    category: C.ANTI_CORRUPTION, language: 'en', author: 'NL-POR', adoptedAt: ['NLRTM', 'BEANR', 'DEHAM'], tlp: Tlp.CLEAR, publishedOn: '2024-06-03', revision: 2,
  },
  {
    title: 'Charte de sûreté portuaire avec les manutentionnaires',
    summary: "Les entreprises du port s'engagent sur le contrôle des accès, la formation du personnel et le signalement des sollicitations.",
    body: "La charte réunit l'autorité portuaire, les services de l'État et les entreprises de manutention. Chaque signataire désigne un référent sûreté, forme son personnel aux tentatives de corruption et signale les sollicitations. Un comité se réunit chaque semestre pour suivre les engagements.",
    category: C.PUBLIC_PRIVATE_PARTNERSHIP, language: 'fr', author: 'FR-HAROPA', adoptedAt: ['FRLEH', 'FRURO'], tlp: Tlp.GREEN, publishedOn: '2024-09-25', revision: 1,
  },
  {
    title: 'Common risk criteria for containerised drug trafficking: a training module',
    summary: 'A short module that explains the shared risk criteria and how national targeting teams apply them to container traffic.',
    body: 'The module walks through the common criteria for drug trafficking in containers, with worked examples from synthetic declarations. It covers the data available before loading and before arrival, how criteria combine into a selection, and how results are fed back so that criteria improve.',
    category: C.TRAINING, language: 'en', author: 'EU-TAXUD', adoptedAt: ['BEANR', 'NLRTM', 'ESALG', 'ITGIT', 'GRPIR', 'PLGDN'], tlp: Tlp.CLEAR, publishedOn: '2024-11-12', revision: 1,
  },
  {
    title: 'Checking transit containers from transshipment hubs',
    summary: 'Containers relayed through transshipment hubs are screened again on arrival, because the original port of loading is often hidden.',
    body: 'When a container is relayed through a hub, the declaration received at destination may name the hub as port of loading. The practice reconstructs the full route from carrier data, applies the origin risk of the first port of loading, and checks seal numbers against those recorded at the hub.',
    category: C.TARGETED_CONTROLS, language: 'en', author: 'PL-KAS', adoptedAt: ['PLGDN', 'PLGDY', 'SEGOT'], tlp: Tlp.GREEN, publishedOn: '2025-02-06', revision: 1,
  },
  {
    title: 'Sharing seizure reports with partners within 24 hours',
    summary: 'A checklist for reporting a port seizure to partner agencies within a day, with the handling codes to use.',
    body: 'Early reports let partners check the same consignee, vessel and route while containers from the same shipment are still in transit. The checklist lists the minimum content of a report, the handling codes to choose, and who confirms the release of information to judicial authorities.',
    category: C.COORDINATED_INVESTIGATION, language: 'en', author: 'EU-EUROPOL', adoptedAt: ['BEANR', 'NLRTM', 'DEHAM', 'ESALG'], tlp: Tlp.AMBER_STRICT, publishedOn: '2023-08-21', revision: 2,
  },
  {
    title: "Équipes cynophiles dans les ports d'outre-mer",
    summary: 'Des équipes cynophiles mobiles interviennent sur les quais et les navires de plaisance aux Antilles et en Guyane.',
    body: "Les chiens détecteurs complètent le ciblage documentaire là où les flux sont faits de petits chargements (voiliers, navires de cabotage). Les équipes tournent entre les ports selon l'analyse de risque et sont formées avec les équipes de métropole.",
    category: C.EQUIPMENT, language: 'fr', author: 'FR-DGDDI', adoptedAt: ['MQFDF', 'GPPTP', 'GFDDC'], tlp: Tlp.GREEN, publishedOn: '2023-05-10', revision: 1,
  },
  {
    title: 'Recognising attempts to recruit port workers',
    summary: 'Indicators that a port worker is being approached by a criminal organisation, and how supervisors respond.',
    body: 'Recruitment usually starts with small favours and requests for information about container positions or inspection schedules. The practice lists the indicators shared with supervisors, the confidential channel for reporting, and the support offered to workers under pressure.',
    category: C.ANTI_CORRUPTION, language: 'en', author: 'BE-FEDPOL', adoptedAt: ['BEANR', 'NLRTM'], tlp: Tlp.RED, publishedOn: '2025-04-14', revision: 1,
  },
  {
    title: 'Detección con perros en terminales de contenedores',
    summary: 'Uso de perros detectores en la zona de inspección para confirmar alertas del escáner antes de abrir el contenedor.',
    body: 'Antes de desgrupar la carga, un guía canino recorre el contenedor seleccionado. La confirmación del perro orienta la apertura hacia la zona sospechosa y reduce el tiempo de inspección.',
    category: C.EQUIPMENT, language: 'es', author: 'ES-SVA', adoptedAt: ['ESALG', 'ESVLC', 'ESBCN'], tlp: Tlp.GREEN, publishedOn: '2025-06-30', revision: 1,
  },
];
