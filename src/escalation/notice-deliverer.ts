/**
 * Delivers pending notices through the chat gateway: one batch per event (and language) for all its recipients,
 * retries with exponential backoff for the recipients that failed, dead after `maxAttempts`. A notice marked sent
 * is never sent again, so nobody is told twice about one event. With `digestWindowMs`, escalation notices to one
 * person within that window go as one message (`escalation-digest.ts`).
 *
 * Priority (when DingTalk's budget is short): escalations and the notices of a new or assigned ticket go to people
 * who must act (`act`); the others inform (`inform`).
 */
import type { ChatGateway, ChatMessage, DeliveryPriority } from '../domain/ports/chat-gateway.port';
import type { Clock } from '../domain/ports/clock.port';
import type { EscalationMetrics } from '../domain/ports/escalation-metrics.port';
import type { Log } from '../domain/ports/log.port';
import type { Notice, NoticeStore } from '../domain/ports/notice-store.port';
import { EscalationDigest, isEscalationNotice, renderDigest } from './escalation-digest';

export interface NoticeDelivererOptions {
  batch?: number;
  leaseMs?: number;
  maxAttempts?: number;
  backoffMs?: number;
  /** Merge escalation notices to one person within this many ms into one message; 0 (default) = each alone. */
  digestWindowMs?: number;
}

/** Events whose recipients must act on them. */
const ACT_EVENTS = new Set(['created', 'assigned']);

export function priorityOfNotice(n: Pick<Notice, 'eventCode'>): DeliveryPriority {
  // A change's step clock (docs/changes.md §4) is an escalation too.
  return isEscalationNotice(n) || ACT_EVENTS.has(n.eventCode) || n.eventCode.startsWith('change.ttr') ? 'act' : 'inform';
}

export class NoticeDeliverer {
  private readonly digest: EscalationDigest | null;

  constructor(
    private readonly notices: NoticeStore,
    private readonly gateway: ChatGateway,
    private readonly clock: Clock,
    private readonly metrics: EscalationMetrics,
    private readonly log: Log,
    private readonly options: NoticeDelivererOptions = {},
  ) {
    // A held notice must still be leased when its window ends (else another process could claim it again).
    const window = Math.min(options.digestWindowMs ?? 0, (options.leaseMs ?? 30_000) / 2);
    this.digest = window > 0 ? new EscalationDigest(window) : null;
  }

  async drain(): Promise<number> {
    const batch = this.options.batch ?? 200;
    let total = 0;
    for (;;) {
      const due = await this.notices.claimDue(this.clock.now(), batch, this.options.leaseMs ?? 30_000);
      const groups = new Map<string, Notice[]>();
      for (const n of due) {
        if (this.digest && n.userId && isEscalationNotice(n)) {
          this.digest.hold(n, this.clock.now().getTime());
          continue;
        }
        // One call per text, whatever the event: an incident's notice to its joined callers (one event per
        // request) names the incident, so they go together (the gateway splits into batchSend calls of ≤ 20 users).
        const k = `${n.locale ?? ''}\u0000${n.title}\u0000${n.body}`;
        groups.set(k, [...(groups.get(k) ?? []), n]);
      }
      await Promise.all([...groups.values()].map((g) => this.deliver(g, { title: g[0]!.title, text: g[0]!.body }, priorityOfNotice(g[0]!))));
      total += due.length;
      if (due.length < batch) break;
    }
    await this.flushDigests();
    return total;
  }

  /** Escalations whose window ended: one message per person (a single one as it is). */
  private async flushDigests(): Promise<void> {
    const due = this.digest?.takeDue(this.clock.now().getTime()) ?? [];
    await Promise.all(
      due.map((held) => {
        const message = held.length === 1 ? { title: held[0]!.title, text: held[0]!.body } : renderDigest(held);
        if (held.length > 1) this.log.info('escalation.notices_merged', { person: held[0]!.personId, count: held.length, refs: held.map((n) => n.ref) });
        return this.deliver(held, message, 'act');
      }),
    );
  }

  /** One message to the notices' recipients; each notice then ends sent or failed on its own. */
  private async deliver(group: Notice[], message: ChatMessage, priority: DeliveryPriority): Promise<void> {
    const byUser = new Map<string, Notice[]>();
    for (const n of group) byUser.set(n.userId ?? '', [...(byUser.get(n.userId ?? '') ?? []), n]);
    const now = () => this.clock.now();
    let report: { delivered: string[]; failed: Array<{ userId?: string; code: string; message: string; retryable: boolean }> };
    try {
      report = await this.gateway.notifyUsers([...byUser.keys()], message, priority);
    } catch (e) {
      report = { delivered: [], failed: [...byUser.keys()].map((userId) => ({ userId, code: 'GATEWAY', message: (e as Error).message, retryable: true })) };
    }
    const sent = report.delivered.flatMap((u) => byUser.get(u) ?? []).map((n) => n.id);
    await this.notices.markSent(sent, now());
    this.metrics.notices('sent', sent.length);
    const maxAttempts = this.options.maxAttempts ?? 6;
    for (const f of report.failed) {
      for (const n of byUser.get(f.userId ?? '') ?? []) {
        const dead = !f.retryable || n.attempts >= maxAttempts;
        const delay = Math.min(600_000, (this.options.backoffMs ?? 2000) * 2 ** Math.max(0, n.attempts - 1));
        await this.notices.markFailed(n.id, `${f.code}: ${f.message}`, new Date(now().getTime() + delay), dead);
        this.metrics.notices(dead ? 'dead' : 'failed', 1);
        this.log[dead ? 'error' : 'warn']('escalation.notice_not_delivered', { ticketRef: n.ref, event: n.eventCode, person: n.personId, attempts: n.attempts, dead, code: f.code });
      }
    }
  }
}
