/**
 * Delivers pending notices through the chat gateway: one batch per event (and language) for all its recipients,
 * retries with exponential backoff for the recipients that failed, dead after `maxAttempts`. A notice marked sent
 * is never sent again, so nobody is told twice about one event.
 */
import type { ChatGateway } from '../domain/ports/chat-gateway.port';
import type { Clock } from '../domain/ports/clock.port';
import type { EscalationMetrics } from '../domain/ports/escalation-metrics.port';
import type { Log } from '../domain/ports/log.port';
import type { Notice, NoticeStore } from '../domain/ports/notice-store.port';

export interface NoticeDelivererOptions {
  batch?: number;
  leaseMs?: number;
  maxAttempts?: number;
  backoffMs?: number;
}

export class NoticeDeliverer {
  constructor(
    private readonly notices: NoticeStore,
    private readonly gateway: ChatGateway,
    private readonly clock: Clock,
    private readonly metrics: EscalationMetrics,
    private readonly log: Log,
    private readonly options: NoticeDelivererOptions = {},
  ) {}

  async drain(): Promise<number> {
    const batch = this.options.batch ?? 200;
    let total = 0;
    for (;;) {
      const due = await this.notices.claimDue(this.clock.now(), batch, this.options.leaseMs ?? 30_000);
      if (due.length === 0) return total;
      const groups = new Map<string, Notice[]>();
      for (const n of due) {
        const k = `${n.eventKey}\u0000${n.locale ?? ''}\u0000${n.title}\u0000${n.body}`;
        groups.set(k, [...(groups.get(k) ?? []), n]);
      }
      await Promise.all([...groups.values()].map((g) => this.deliver(g)));
      total += due.length;
      if (due.length < batch) return total;
    }
  }

  private async deliver(group: Notice[]): Promise<void> {
    const first = group[0]!;
    const byUser = new Map(group.map((n) => [n.userId ?? '', n]));
    const now = () => this.clock.now();
    let report: { delivered: string[]; failed: Array<{ userId?: string; code: string; message: string; retryable: boolean }> };
    try {
      report = await this.gateway.notifyUsers([...byUser.keys()], { title: first.title, text: first.body });
    } catch (e) {
      report = { delivered: [], failed: group.map((n) => ({ userId: n.userId ?? '', code: 'GATEWAY', message: (e as Error).message, retryable: true })) };
    }
    const sent = report.delivered.map((u) => byUser.get(u)?.id).filter((id): id is number => id !== undefined);
    await this.notices.markSent(sent, now());
    this.metrics.notices('sent', sent.length);
    const maxAttempts = this.options.maxAttempts ?? 6;
    for (const f of report.failed) {
      const n = byUser.get(f.userId ?? '');
      if (!n) continue;
      const dead = !f.retryable || n.attempts >= maxAttempts;
      const delay = Math.min(600_000, (this.options.backoffMs ?? 2000) * 2 ** Math.max(0, n.attempts - 1));
      await this.notices.markFailed(n.id, `${f.code}: ${f.message}`, new Date(now().getTime() + delay), dead);
      this.metrics.notices(dead ? 'dead' : 'failed', 1);
      this.log[dead ? 'error' : 'warn']('escalation.notice_not_delivered', { ticketRef: n.ref, event: n.eventCode, person: n.personId, attempts: n.attempts, dead, code: f.code });
    }
  }
}
