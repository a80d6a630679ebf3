// A raw GraphQL-over-HTTP POST, as any client could send it (a body of any shape, an optional Bearer token), and its
// status and JSON: for tests of what a router or gateway does with requests the typed clients would never send.

export interface RawAnswer {
  status: number;
  // `any`: answers of any operation, read field by field by the tests.
  body: { data?: Record<string, any> | null; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[] };
}

export async function rawPost(url: string, body: unknown, bearer?: string): Promise<RawAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as RawAnswer['body'] };
}
