// The demo catalogue of risk indicators the synthetic targeting alerts cite (targeting-alerts.ts): criteria of seven
// customs administrations, each described in English and in its owner's working language.
import { Tlp } from '../../hub/common/enums.js';

export interface IndicatorSeed {
  owner: string;
  local: string;
  tlp: Tlp;
  en: string;
  /** In the owner's working language. */
  own: string;
  /** How much more often alerts that end in a seizure cite it (risk criteria that work). */
  lift: number;
}

export const INDICATORS: readonly IndicatorSeed[] = [
  { owner: 'FR-DGDDI', local: 'SEAL-ANOMALY', tlp: Tlp.AMBER, lift: 3, en: 'Seal number differs between the manifest and the gate-in record', own: 'Numéro de scellé différent entre le manifeste et l’entrée au terminal' },
  { owner: 'FR-DGDDI', local: 'REEFER-SETPOINT', tlp: Tlp.AMBER, lift: 2, en: 'Reefer set-point inconsistent with the declared cargo', own: 'Consigne de température incohérente avec la marchandise déclarée' },
  { owner: 'FR-DGDDI', local: 'PIN-QUERY', tlp: Tlp.RED, lift: 3, en: 'Release PIN queried from an unexpected terminal account', own: 'Code PIN de sortie consulté depuis un compte inattendu' },
  { owner: 'BE-AADA', local: 'LATE-CONSIGNEE-CHANGE', tlp: Tlp.AMBER, lift: 2, en: 'Consignee changed after loading', own: 'Ontvanger gewijzigd na het laden' },
  { owner: 'BE-AADA', local: 'NEW-CONSIGNEE', tlp: Tlp.GREEN, lift: 1, en: 'Consignee registered less than six months before the shipment', own: 'Ontvanger minder dan zes maanden voor de zending ingeschreven' },
  { owner: 'NL-DOUANE', local: 'DWELL-TIME', tlp: Tlp.AMBER, lift: 1, en: 'Unusual dwell time at the transshipment hub', own: 'Ongebruikelijke verblijfsduur in de overslaghaven' },
  { owner: 'NL-DOUANE', local: 'THIRD-PARTY-FREIGHT', tlp: Tlp.AMBER, lift: 2, en: 'Freight paid by a third party unrelated to the trade', own: 'Vracht betaald door een derde zonder band met de handel' },
  { owner: 'ES-SVA', local: 'HS-MISMATCH', tlp: Tlp.GREEN, lift: 1, en: 'Cargo description inconsistent with the HS code', own: 'Descripción de la mercancía incoherente con el código SA' },
  { owner: 'ES-SVA', local: 'ROUTE-DEVIATION', tlp: Tlp.AMBER, lift: 1, en: 'Routing through a hub with no commercial logic', own: 'Ruta por un puerto de transbordo sin lógica comercial' },
  { owner: 'IT-ADM', local: 'LOW-VALUE-LONG-ROUTE', tlp: Tlp.AMBER, lift: 1, en: 'Low-value cargo on a long route', own: 'Merce di basso valore su una rotta lunga' },
  { owner: 'DE-ZOLL', local: 'TERMINAL-SEQUENCE', tlp: Tlp.AMBER, lift: 2, en: 'Container moved out of terminal sequence', own: 'Container außerhalb der Terminalreihenfolge bewegt' },
  { owner: 'PT-AT', local: 'HIGH-RISK-LOADING', tlp: Tlp.AMBER, lift: 1, en: 'High-risk port of loading for the commodity', own: 'Porto de carga de alto risco para a mercadoria' },
];

export const LANGUAGE: Readonly<Record<string, string>> = { 'FR-DGDDI': 'fr', 'BE-AADA': 'nl', 'NL-DOUANE': 'nl', 'ES-SVA': 'es', 'IT-ADM': 'it', 'DE-ZOLL': 'de', 'PT-AT': 'pt' };
