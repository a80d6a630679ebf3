// Tokens already verified, kept until they expire: a client sends the same token many times, and verifying a
// signature costs more than the rest of a small request's authentication.
import { decodeJwt } from 'jose';

export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number; notBefore: number }>();

  constructor(private readonly capacity = 10_000) {}

  /** The value remembered for `token`, if it is still within its validity. */
  get(token: string): T | undefined {
    const entry = this.entries.get(token);
    const now = Date.now();
    return entry && entry.expiresAt > now && entry.notBefore <= now ? entry.value : undefined;
  }

  /** Remembers what a successfully verified token gave, until its `exp`. */
  remember(token: string, value: T, clockToleranceSeconds = 0): T {
    const { exp, nbf } = decodeJwt(token);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { value, expiresAt: (exp ?? 0) * 1000, notBefore: ((nbf ?? 0) - clockToleranceSeconds) * 1000 });
    return value;
  }
}
