// The schema's enums the dashboard offers as filters and columns (test/browser.test.ts checks them against the
// schema, so a new value cannot be forgotten here).
export const DRUG_TYPES = ['AMPHETAMINE', 'CANNABIS_RESIN', 'COCAINE', 'HERBAL_CANNABIS', 'HEROIN', 'MDMA', 'METHAMPHETAMINE', 'NEW_PSYCHOACTIVE_SUBSTANCES', 'PRECURSORS'] as const;
export const DETECTION_METHODS = ['DETECTION_DOG', 'INTELLIGENCE', 'RANDOM_CONTROL', 'RISK_ANALYSIS', 'SCANNER'] as const;
