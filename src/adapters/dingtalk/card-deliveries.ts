/**
 * New holders of one card instance are delivered in batches across events (docs/interfaces.md "Ticket card"): at
 * most one `POST /v1.0/card/instances/deliver` per instance is waiting for its slot or in flight; the spaces asked
 * for meanwhile (by any event) accumulate and go together in the next call, as many as fit in one `openSpaceId`
 * (`fits`), the rest in the calls after it. The next call goes at the best priority among the spaces it carries.
 * Each asker resolves with the outcome of its own spaces. One per gateway (process).
 */
import type { CardSpace, DeliveryFailure, DeliveryReport } from '../../domain/ports/chat-gateway.port';
import type { SendPriority } from './openapi/send-scheduler';

/** What became of one space. */
export type SpaceOutcome = { delivered: string } | { failed: DeliveryFailure };

interface Asked {
  space: CardSpace;
  priority: SendPriority;
  settle: (outcome: SpaceOutcome) => void;
}

interface InstanceState {
  busy: boolean;
  waiting: Asked[];
}

export interface CardDeliveriesOptions {
  /** One call for `chunk` (every space's outcome, in any order; never throws). */
  send: (outTrackId: string, chunk: readonly CardSpace[], priority: SendPriority) => Promise<SpaceOutcome[]>;
  /** Whether `spaces` fit in one call's `openSpaceId`. */
  fits: (spaces: readonly CardSpace[]) => boolean;
  key: (space: CardSpace) => string;
  /**
   * While spaces keep coming (a storm joining an incident), the next call for one instance goes at least this long
   * after the previous one started, carrying what came meanwhile (DingTalk's budget); a lone delivery goes at once.
   */
  minGapMs?: number;
}

export class CardDeliveries {
  private readonly instances = new Map<string, InstanceState>();

  constructor(private readonly options: CardDeliveriesOptions) {}

  async add(outTrackId: string, spaces: readonly CardSpace[], priority: SendPriority): Promise<DeliveryReport> {
    if (spaces.length === 0) return { delivered: [], failed: [] };
    let state = this.instances.get(outTrackId);
    if (!state) {
      state = { busy: false, waiting: [] };
      this.instances.set(outTrackId, state);
    }
    const s = state;
    const outcomes = spaces.map((space) => new Promise<SpaceOutcome>((settle) => s.waiting.push({ space, priority, settle })));
    if (!s.busy) void this.pump(outTrackId, s);
    const report: DeliveryReport = { delivered: [], failed: [] };
    for (const o of await Promise.all(outcomes)) {
      if ('delivered' in o) report.delivered.push(o.delivered);
      else report.failed.push(o.failed);
    }
    return report;
  }

  /** Calls for one instance, one after another, each taking what waits (as much as fits). */
  private async pump(outTrackId: string, s: InstanceState): Promise<void> {
    s.busy = true;
    try {
      while (s.waiting.length > 0) {
        const { batch, spaces } = this.nextBatch(s);
        const priority = Math.min(...batch.map((a) => a.priority)) as SendPriority;
        const startedAt = Date.now();
        const outcomes = await this.options.send(outTrackId, spaces, priority);
        const byKey = new Map(outcomes.map((o) => ['delivered' in o ? o.delivered : (o.failed.userId ?? o.failed.conversationId ?? ''), o]));
        for (const a of batch) {
          const key = this.options.key(a.space);
          a.settle(byKey.get(key) ?? { delivered: key });
        }
        const gap = (this.options.minGapMs ?? 0) - (Date.now() - startedAt);
        if (s.waiting.length > 0 && gap > 0) await new Promise((r) => setTimeout(r, gap));
      }
    } finally {
      s.busy = false;
      if (s.waiting.length === 0 && this.instances.get(outTrackId) === s) this.instances.delete(outTrackId);
    }
  }

  /** The waiting spaces that fit in one call, oldest first; the same space asked twice goes once (both told). */
  private nextBatch(s: InstanceState): { batch: Asked[]; spaces: CardSpace[] } {
    const batch: Asked[] = [];
    const spaces: CardSpace[] = [];
    const keys = new Set<string>();
    let i = 0;
    while (i < s.waiting.length) {
      const a = s.waiting[i]!;
      const key = this.options.key(a.space);
      if (keys.has(key)) {
        batch.push(a);
        s.waiting.splice(i, 1);
        continue;
      }
      if (spaces.length > 0 && !this.options.fits([...spaces, a.space])) break;
      spaces.push(a.space);
      keys.add(key);
      batch.push(a);
      s.waiting.splice(i, 1);
    }
    return { batch, spaces };
  }
}
