// Real public agencies of member states and EU bodies (names and websites as published by them), plus clearly
// fictional private operators. Each lists the ports it serves (UN/LOCODEs that must exist in the data file).
import { AgencyKind } from '../../hub/modules/agency/index.js';

export interface AgencySeed {
  code: string;
  name: string;
  kind: AgencyKind;
  country: string | null;
  website: string | null;
  ports: readonly string[];
}

const { CUSTOMS, POLICE, JUDICIAL, PORT_AUTHORITY, COORDINATION_BODY, EU_BODY, PRIVATE_OPERATOR } = AgencyKind;
const FR_MAINLAND = ['FRLEH', 'FRMRS', 'FRFOS', 'FRDKK', 'FRURO', 'FRNTE', 'FRMTX', 'FRBOD', 'FRLRH'];
const FR_OVERSEAS = ['MQFDF', 'GPPTP', 'GFDDC', 'RELPT', 'YTLON'];

export const AGENCIES: readonly AgencySeed[] = [
  // Belgium
  { code: 'BE-AADA', name: 'Algemene Administratie van Douane en Accijnzen', kind: CUSTOMS, country: 'BE', website: 'https://financien.belgium.be/nl/douane_accijnzen', ports: ['BEANR', 'BEZEE', 'BEGNE', 'BEOST'] },
  { code: 'BE-FEDPOL', name: 'Federale Politie', kind: POLICE, country: 'BE', website: 'https://www.police.be', ports: ['BEANR', 'BEZEE'] },
  { code: 'BE-POAB', name: 'Port of Antwerp-Bruges', kind: PORT_AUTHORITY, country: 'BE', website: 'https://www.portofantwerpbruges.com', ports: ['BEANR', 'BEZEE'] },
  // Netherlands
  { code: 'NL-DOUANE', name: 'Douane Nederland', kind: CUSTOMS, country: 'NL', website: 'https://www.douane.nl', ports: ['NLRTM', 'NLAMS', 'NLVLI', 'NLMOE'] },
  { code: 'NL-POLITIE', name: 'Politie', kind: POLICE, country: 'NL', website: 'https://www.politie.nl', ports: ['NLRTM', 'NLAMS'] },
  { code: 'NL-KMAR', name: 'Koninklijke Marechaussee', kind: POLICE, country: 'NL', website: 'https://www.defensie.nl/organisatie/marechaussee', ports: ['NLRTM', 'NLAMS', 'NLVLI'] },
  { code: 'NL-OM', name: 'Openbaar Ministerie', kind: JUDICIAL, country: 'NL', website: 'https://www.om.nl', ports: ['NLRTM', 'NLAMS'] },
  { code: 'NL-POR', name: 'Port of Rotterdam', kind: PORT_AUTHORITY, country: 'NL', website: 'https://www.portofrotterdam.com', ports: ['NLRTM'] },
  // France
  { code: 'FR-DGDDI', name: 'Direction générale des douanes et droits indirects (DGDDI)', kind: CUSTOMS, country: 'FR', website: 'https://www.douane.gouv.fr', ports: [...FR_MAINLAND, ...FR_OVERSEAS] },
  { code: 'FR-OFAST', name: 'Office anti-stupéfiants (OFAST)', kind: POLICE, country: 'FR', website: 'https://www.interieur.gouv.fr', ports: ['FRLEH', 'FRMRS', 'FRDKK', 'MQFDF', 'GPPTP', 'GFDDC', 'RELPT'] },
  { code: 'FR-MILDECA', name: 'Mission interministérielle de lutte contre les drogues et les conduites addictives (MILDECA)', kind: COORDINATION_BODY, country: 'FR', website: 'https://www.drogues.gouv.fr', ports: [] },
  { code: 'FR-JUNALCO', name: 'Juridiction nationale chargée de la lutte contre la criminalité organisée (JUNALCO)', kind: JUDICIAL, country: 'FR', website: 'https://www.justice.gouv.fr', ports: ['FRLEH', 'FRMRS'] },
  { code: 'FR-HAROPA', name: 'HAROPA PORT', kind: PORT_AUTHORITY, country: 'FR', website: 'https://www.haropaport.com', ports: ['FRLEH', 'FRURO', 'FRPAR'] },
  { code: 'FR-GPMM', name: 'Grand port maritime de Marseille (Marseille Fos)', kind: PORT_AUTHORITY, country: 'FR', website: 'https://www.marseille-port.fr', ports: ['FRMRS', 'FRFOS'] },
  // Germany
  { code: 'DE-ZOLL', name: 'Zoll (Generalzolldirektion)', kind: CUSTOMS, country: 'DE', website: 'https://www.zoll.de', ports: ['DEHAM', 'DEBRV', 'DEWVN'] },
  { code: 'DE-ZKA', name: 'Zollkriminalamt', kind: CUSTOMS, country: 'DE', website: 'https://www.zoll.de', ports: ['DEHAM', 'DEBRV'] },
  { code: 'DE-BKA', name: 'Bundeskriminalamt', kind: POLICE, country: 'DE', website: 'https://www.bka.de', ports: ['DEHAM', 'DEBRV'] },
  { code: 'DE-HPA', name: 'Hamburg Port Authority', kind: PORT_AUTHORITY, country: 'DE', website: 'https://www.hamburg-port-authority.de', ports: ['DEHAM'] },
  // Spain
  { code: 'ES-SVA', name: 'Agencia Tributaria – Servicio de Vigilancia Aduanera', kind: CUSTOMS, country: 'ES', website: 'https://sede.agenciatributaria.gob.es', ports: ['ESALG', 'ESVLC', 'ESBCN', 'ESLPA'] },
  { code: 'ES-GC', name: 'Guardia Civil', kind: POLICE, country: 'ES', website: 'https://www.guardiacivil.es', ports: ['ESALG', 'ESVLC', 'ESBCN', 'ESLPA'] },
  { code: 'ES-APBA', name: 'Autoridad Portuaria de la Bahía de Algeciras', kind: PORT_AUTHORITY, country: 'ES', website: 'https://www.apba.es', ports: ['ESALG'] },
  // Italy
  { code: 'IT-ADM', name: 'Agenzia delle Dogane e dei Monopoli', kind: CUSTOMS, country: 'IT', website: 'https://www.adm.gov.it', ports: ['ITGOA', 'ITGIT', 'ITSPE', 'ITTRS', 'ITLIV', 'ITNAP', 'ITSAL'] },
  { code: 'IT-GDF', name: 'Guardia di Finanza', kind: POLICE, country: 'IT', website: 'https://www.gdf.gov.it', ports: ['ITGOA', 'ITGIT', 'ITLIV', 'ITSAL'] },
  { code: 'IT-DCSA', name: 'Direzione Centrale per i Servizi Antidroga', kind: POLICE, country: 'IT', website: 'https://www.interno.gov.it', ports: ['ITGOA', 'ITGIT'] },
  // Portugal
  { code: 'PT-AT', name: 'Autoridade Tributária e Aduaneira', kind: CUSTOMS, country: 'PT', website: 'https://info.portaldasfinancas.gov.pt', ports: ['PTSIE', 'PTLEI', 'PTLIS', 'PTFNC', 'PTPDL'] },
  { code: 'PT-PJ', name: 'Polícia Judiciária', kind: POLICE, country: 'PT', website: 'https://www.policiajudiciaria.pt', ports: ['PTSIE', 'PTLIS', 'PTLEI'] },
  // Customs of further member states
  { code: 'PL-KAS', name: 'Krajowa Administracja Skarbowa (Służba Celno-Skarbowa)', kind: CUSTOMS, country: 'PL', website: 'https://www.gov.pl/web/kas', ports: ['PLGDN', 'PLGDY', 'PLSZZ'] },
  { code: 'GR-AADE', name: 'Independent Authority for Public Revenue (AADE) – Customs', kind: CUSTOMS, country: 'GR', website: 'https://www.aade.gr', ports: ['GRPIR', 'GRSKG'] },
  { code: 'IE-REVENUE', name: 'Revenue Commissioners – Customs Service', kind: CUSTOMS, country: 'IE', website: 'https://www.revenue.ie', ports: ['IEDUB', 'IEORK', 'IEFOV'] },
  { code: 'SE-TULL', name: 'Tullverket', kind: CUSTOMS, country: 'SE', website: 'https://www.tullverket.se', ports: ['SEGOT', 'SESTO', 'SEMMA'] },
  { code: 'DK-TOLD', name: 'Toldstyrelsen', kind: CUSTOMS, country: 'DK', website: 'https://toldst.dk', ports: ['DKAAR', 'DKCPH'] },
  { code: 'HR-CARINA', name: 'Carinska uprava', kind: CUSTOMS, country: 'HR', website: 'https://carina.gov.hr', ports: ['HRRJK', 'HRPLE'] },
  { code: 'SI-FURS', name: 'Finančna uprava Republike Slovenije (FURS)', kind: CUSTOMS, country: 'SI', website: 'https://www.fu.gov.si', ports: ['SIKOP'] },
  // EU bodies: no country, no ports of their own
  { code: 'EU-EUROPOL', name: 'Europol', kind: EU_BODY, country: null, website: 'https://www.europol.europa.eu', ports: [] },
  { code: 'EU-EUROJUST', name: 'Eurojust', kind: EU_BODY, country: null, website: 'https://www.eurojust.europa.eu', ports: [] },
  { code: 'EU-TAXUD', name: 'European Commission – DG Taxation and Customs Union (DG TAXUD)', kind: EU_BODY, country: null, website: 'https://taxation-customs.ec.europa.eu', ports: [] },
  { code: 'EU-HOME', name: 'European Commission – DG Migration and Home Affairs (DG HOME)', kind: EU_BODY, country: null, website: 'https://home-affairs.ec.europa.eu', ports: [] },
  { code: 'EU-EUDA', name: 'European Union Drugs Agency (EUDA)', kind: EU_BODY, country: null, website: 'https://www.euda.europa.eu', ports: [] },
  // Fictional private operators: the DEMO prefix says so; no website.
  { code: 'DEMO-TERMINAL-BE', name: 'DEMO Terminal Operator NV', kind: PRIVATE_OPERATOR, country: 'BE', website: null, ports: ['BEANR', 'BEZEE'] },
  { code: 'DEMO-REEFER-NL', name: 'DEMO Reefer Logistics BV', kind: PRIVATE_OPERATOR, country: 'NL', website: null, ports: ['NLRTM'] },
  { code: 'DEMO-LINES-FR', name: 'DEMO Container Lines SA', kind: PRIVATE_OPERATOR, country: 'FR', website: null, ports: ['FRLEH', 'MQFDF', 'GPPTP'] },
  { code: 'DEMO-STEVEDORING-DE', name: 'DEMO Stevedoring GmbH', kind: PRIVATE_OPERATOR, country: 'DE', website: null, ports: ['DEHAM'] },
  { code: 'DEMO-TERMINALES-ES', name: 'DEMO Terminales Marítimas SL', kind: PRIVATE_OPERATOR, country: 'ES', website: null, ports: ['ESALG', 'ESVLC'] },
];

/** Working language of each member state's agencies (ISO 639-1), for referents and best practices. */
export const LANGUAGE_OF: Readonly<Record<string, string>> = {
  BE: 'nl', NL: 'nl', FR: 'fr', DE: 'de', ES: 'es', IT: 'it', PT: 'pt', PL: 'pl',
  GR: 'el', IE: 'en', SE: 'sv', DK: 'da', HR: 'hr', SI: 'sl',
};
