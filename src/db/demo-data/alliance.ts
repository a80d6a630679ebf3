// Which ports are members of the European Ports Alliance in the demo, and since when. The alliance was
// launched in Antwerp on 24 January 2024; the founding group below joins that day, the later waves are
// illustrative dates for the demo, not an official membership list.
const WAVES: readonly { since: string; ports: readonly string[] }[] = [
  {
    since: '2024-01-24',
    ports: ['BEANR', 'BEZEE', 'NLRTM', 'DEHAM', 'DEBRV', 'FRLEH', 'FRMRS', 'ESALG', 'ESVLC', 'ITGOA', 'GRPIR', 'PTSIE'],
  },
  {
    since: '2024-05-07',
    ports: ['FRDKK', 'ITGIT', 'ESBCN', 'PLGDN', 'SIKOP', 'HRRJK', 'IEDUB', 'SEGOT', 'DKAAR', 'NLAMS', 'PTLEI'],
  },
  {
    since: '2024-10-15',
    // French outermost regions join with the mainland's second wave of customs referents.
    ports: ['MQFDF', 'GPPTP', 'GFDDC', 'RELPT', 'FRURO', 'PLGDY', 'ITTRS', 'ITSPE', 'DEWVN', 'BEGNE'],
  },
  {
    since: '2025-03-18',
    ports: ['NLVLI', 'FRNTE', 'ESLPA', 'PTLIS', 'GRSKG', 'HRPLE', 'IEORK', 'ITLIV', 'ITNAP', 'YTLON'],
  },
];

export const MEMBER_SINCE: ReadonlyMap<string, string> = new Map(WAVES.flatMap((w) => w.ports.map((p) => [p, w.since] as const)));
