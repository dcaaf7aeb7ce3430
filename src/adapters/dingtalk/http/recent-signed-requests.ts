import { createHash } from 'node:crypto';

/**
 * The signed HTTP callbacks this process accepted within the signature window, keyed by a hash of
 * (timestamp, sign, body). DingTalk's signature covers the timestamp only, and two genuine callbacks of the same
 * millisecond share it: "each signature once" would drop real messages, so a repeat is the whole triple. An entry
 * lives until its timestamp leaves the window (after that the signature check refuses it anyway). Per process:
 * across processes the inbox's msgId dedupe still holds for robot messages.
 */
export class RecentSignedRequests {
  private readonly expiries = new Map<string, number>();
  private lastSweep = 0;

  constructor(
    private readonly windowMs: number,
    /** Kept at most (oldest dropped first): only holders of the secret, or replayers of a pair, can add entries. */
    private readonly maxEntries = 100_000,
  ) {}

  static keyOf(timestamp: string, sign: string, body: string): string {
    return createHash('sha256').update(`${timestamp}\n${sign}\n${body}`).digest('hex');
  }

  /** Claim a triple: false when it was already claimed (a repeat), true and remembered otherwise. */
  claim(key: string, timestampMs: number, nowMs: number): boolean {
    this.sweep(nowMs);
    const expiry = this.expiries.get(key);
    if (expiry !== undefined && expiry >= nowMs) return false;
    this.expiries.delete(key);
    this.expiries.set(key, timestampMs + this.windowMs);
    while (this.expiries.size > this.maxEntries) {
      const oldest = this.expiries.keys().next().value;
      if (oldest === undefined) break;
      this.expiries.delete(oldest);
    }
    return true;
  }

  /** Forget a claim whose request was not taken (refused, or the inbox was down): DingTalk may send it again. */
  release(key: string): void {
    this.expiries.delete(key);
  }

  size(): number {
    return this.expiries.size;
  }

  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweep < 1000) return;
    this.lastSweep = nowMs;
    for (const [key, expiry] of this.expiries) if (expiry < nowMs) this.expiries.delete(key);
  }
}
