// The operation an audit row names is the client's: Apollo Gateway calls each subgraph with an operation it names
// `<client's name>__<subgraph>__<n>`, which would make the same request read differently in the trail depending on
// the router in front. No dependency, so the member kit's national trail can use it too.

/** The client's operation name, without Apollo Gateway's `__<subgraph>__<n>` suffix; cut to 200 characters. */
export function clientOperationName(name: string | null | undefined): string | null {
  if (!name) return null;
  return name.replace(/__[A-Za-z0-9_-]+__\d+$/, '').slice(0, 200);
}
