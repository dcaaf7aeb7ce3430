/**
 * The app access token: cached, refreshed a margin before expiry, one refresh at a time (concurrent callers share
 * the same in-flight fetch). `invalidate(token)` drops a token an API refused, unless a newer one already replaced it.
 */
export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

export interface AccessTokenProviderOptions {
  fetchToken: () => Promise<FetchedToken>;
  now?: () => number;
  /** Refresh this long before expiry (default 5 min; at most half the token's lifetime). */
  refreshMarginMs?: number;
}

export class AccessTokenProvider {
  private current: { token: string; refreshAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  private readonly now: () => number;
  private readonly marginMs: number;

  constructor(private readonly options: AccessTokenProviderOptions) {
    this.now = options.now ?? Date.now;
    this.marginMs = options.refreshMarginMs ?? 5 * 60 * 1000;
  }

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return this.current.token;
    if (!this.inflight) {
      this.inflight = this.refresh().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  private async refresh(): Promise<string> {
    const fetched = await this.options.fetchToken();
    const ttlMs = Math.max(0, fetched.expiresInSeconds * 1000);
    const margin = Math.min(this.marginMs, ttlMs / 2);
    this.current = { token: fetched.token, refreshAt: this.now() + ttlMs - margin };
    return fetched.token;
  }
}
