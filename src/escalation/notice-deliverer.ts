/**
 * Delivers pending notices through the chat gateway: one batch per event (and language) for all its recipients,
 * retries with exponential backoff for the recipients that failed, dead after `maxAttempts`. A notice marked sent
 * is never sent again, so nobody is told twice about one event. With `digestWindowMs`, escalation notices to one
 * person within that window go on one updating digest card, or as one text message when the card cannot be sent
 * (`escalation-digest.ts`).
 *
 * Priority (when DingTalk's budget is short): escalations and the notices of a new or assigned ticket go to people
 * who must act (`act`); the others inform (`inform`).
 */
import type { ChatGateway, ChatMessage, DeliveryFailure, DeliveryPriority, DeliveryReport } from '../domain/ports/chat-gateway.port';
import type { Clock } from '../domain/ports/clock.port';
import type { EscalationMetrics } from '../domain/ports/escalation-metrics.port';
import type { Log } from '../domain/ports/log.port';
import type { Notice, NoticeStore } from '../domain/ports/notice-store.port';
import { DIGEST_UPDATE_MS, EscalationDigest, isEscalationNotice, renderDigest, renderDigestCard, type DigestSend } from './escalation-digest';

export interface NoticeDelivererOptions {
  batch?: number;
  leaseMs?: number;
  maxAttempts?: number;
  backoffMs?: number;
  /** Escalation notices to one person within this many ms go on one digest card; 0 (default) = each alone. */
  digestWindowMs?: number;
  /** Digest card updates at most this often per card; default `DIGEST_UPDATE_MS`. */
  digestUpdateMs?: number;
  /** Asked to run `drain` again in this many ms (a digest update or a text window falls due then). */
  wake?: (inMs: number) => void;
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
    this.digest = window > 0 ? new EscalationDigest(window, options.digestUpdateMs ?? DIGEST_UPDATE_MS) : null;
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

  /** The digest sends that fall due now (a new card at once, an update a second apart, text at its window's end). */
  private async flushDigests(): Promise<void> {
    if (!this.digest) return;
    const due = this.digest.takeDue(this.clock.now().getTime());
    await Promise.all(due.map((send) => this.sendDigest(send)));
    const next = this.digest.nextDueIn(this.clock.now().getTime());
    if (next !== null) this.options.wake?.(next);
  }

  /**
   * One digest send. The card carries every ref of its window; the notices of this send are marked sent when the
   * call carrying them went (create: the lead's space delivered; update: the PUT done). A card that cannot be sent
   * falls back to text: these notices go as one message now (docs/interfaces.md "Delivery semantics").
   */
  private async sendDigest(send: DigestSend): Promise<void> {
    const { window, notices } = send;
    if (send.kind === 'text') {
      await this.deliver(notices, messageOf(notices), 'act');
      this.digest!.sent(send, this.clock.now().getTime());
      return;
    }
    const card = renderDigestCard([...window.sent, ...notices]);
    let failure: DeliveryFailure | null = null;
    if (send.kind === 'create') {
      const report = await this.gateway.deliverCard(window.outTrackId, [{ kind: 'dm', userId: window.userId }], card, 'act').catch((e: Error) => thrown(window.userId, e));
      if (!report.delivered.includes(window.userId)) failure = report.failed[0] ?? { userId: window.userId, code: 'NOT_DELIVERED', message: 'card not delivered', retryable: true };
    } else {
      // An update carrying new refs is their notice: it goes with the priority of the people who must act.
      failure = await this.gateway.updateCard(window.outTrackId, card, 'act').then(
        () => null,
        (e: Error) => ({ userId: window.userId, code: 'CARD_UPDATE', message: e.message, retryable: false }),
      );
    }
    if (!failure) {
      this.digest!.sent(send, this.clock.now().getTime());
      await this.notices.markSent(notices.map((n) => n.id), this.clock.now());
      this.metrics.notices('sent', notices.length);
      if (send.kind === 'update') this.log.info('escalation.digest_updated', { person: notices[0]!.personId, outTrackId: window.outTrackId, refs: notices.map((n) => n.ref) });
      return;
    }
    if (failure.retryable) {
      // Retried after the backoff: claimed again, they rejoin this window (or open the next).
      await this.markUndelivered(notices, failure);
      return;
    }
    this.log.warn('escalation.digest_card_not_sent', { person: notices[0]!.personId, outTrackId: window.outTrackId, code: failure.code, fallback: 'text' });
    this.digest!.fellBack(send);
    await this.deliver(notices, messageOf(notices), 'act');
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
    for (const f of report.failed) await this.markUndelivered(byUser.get(f.userId ?? '') ?? [], f);
  }

  /** Each notice failed: retried after its backoff, or dead (not retryable, or out of attempts). */
  private async markUndelivered(notices: readonly Notice[], f: DeliveryFailure): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 6;
    for (const n of notices) {
      const dead = !f.retryable || n.attempts >= maxAttempts;
      const delay = Math.min(600_000, (this.options.backoffMs ?? 2000) * 2 ** Math.max(0, n.attempts - 1));
      await this.notices.markFailed(n.id, `${f.code}: ${f.message}`, new Date(this.clock.now().getTime() + delay), dead);
      this.metrics.notices(dead ? 'dead' : 'failed', 1);
      this.log[dead ? 'error' : 'warn']('escalation.notice_not_delivered', { ticketRef: n.ref, event: n.eventCode, person: n.personId, attempts: n.attempts, dead, code: f.code });
    }
  }
}

/** The text of escalation notices sent without the card: a single one as it is, several as one digest message. */
function messageOf(notices: readonly Notice[]): ChatMessage {
  return notices.length === 1 ? { title: notices[0]!.title, text: notices[0]!.body } : renderDigest(notices);
}

/** A gateway that threw (it should report instead): every user failed, retryable. */
function thrown(userId: string, e: Error): DeliveryReport {
  return { delivered: [], failed: [{ userId, code: 'GATEWAY', message: e.message, retryable: true }] };
}
