// The example operations GraphiQL opens with, one tab each (GraphiQL keeps the user's own tabs afterwards).
export const exampleOperations = [
  {
    query: `# Port dashboard: a port's directory entry, its agencies and latest seizures you may see.
query PortDashboard($unlocode: UnLocode!) {
  port(unlocode: $unlocode) {
    unlocode
    name
    country
    memberSince
    agencies(first: 10) { edges { node { code name kind } } }
    seizures(first: 5) {
      totalCount
      edges { node { reference seizedOn drugType quantity unit tlp } }
    }
  }
}`,
    variables: '{ "unlocode": "BEANR" }',
  },
  {
    query: `# Seizure search: cocaine seized in Antwerp or Rotterdam this year (operational fields need law enforcement).
query SeizureSearch($filter: SeizureFilter) {
  seizures(first: 10, filter: $filter) {
    totalCount
    edges {
      node { reference seizedOn drugType quantity unit detectionMethod tlp port { unlocode name } containerNumber }
    }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: '{ "filter": { "drugTypes": ["COCAINE"], "ports": ["BEANR", "NLRTM"] } }',
  },
  {
    query: `# Statistics: seizures and KG by year and drug type (small buckets are suppressed outside law enforcement).
query Statistics {
  seizureStatistics(groupBy: [YEAR, DRUG_TYPE], first: 50) {
    seizures
    suppressedBuckets
    hasMoreBuckets
    buckets { year drugType seizures quantityKg }
  }
}`,
    variables: '{}',
  },
  {
    query: `# Investigation: the coordinated investigations your agency may see, with their participants.
query Investigation {
  investigations(first: 5) {
    totalCount
    edges {
      node {
        codeName
        status
        openedOn
        tlp
        leadAgency { code name }
        participants(first: 10) { edges { node { code } } }
        seizures(first: 5) { totalCount edges { node { reference drugType quantity unit } } }
      }
    }
  }
}`,
    variables: '{}',
  },
];
