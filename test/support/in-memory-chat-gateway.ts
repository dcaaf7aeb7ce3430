/**
 * An in-memory ChatGateway that records everything it is asked to send: for tests and the escalation benchmark
 * (`scripts/bench-escalation.ts`, which is why tsconfig.build.json compiles this one file from test/support).
 * Failures can be injected per user id (retryable or not) to exercise retries and dead letters.
 */
import type {
  CardSpace,
  CardView,
  ChatGateway,
  ChatMessage,
  DeliveryReport,
} from '../../src/domain/ports/chat-gateway.port';

export interface SentMessage {
  userId: string;
  message: ChatMessage;
  at: number;
}

export class InMemoryChatGateway implements ChatGateway {
  readonly messages: SentMessage[] = [];
  readonly groupMessages: Array<{ conversationId: string; message: ChatMessage }> = [];
  readonly cards = new Map<string, { spaces: CardSpace[]; card: CardView; updates: number }>();
  /** Every card call in order: `create` (createAndDeliver), `deliver` (more spaces), `update` (PUT). */
  readonly cardCalls: Array<{ call: 'create' | 'deliver' | 'update'; outTrackId: string; spaces?: CardSpace[]; card?: CardView }> = [];
  readonly privateAnswers: SentMessage[] = [];
  /** Number of notifyUsers calls (one per batch). */
  batches = 0;
  private readonly failures = new Map<string, { remaining: number; retryable: boolean }>();

  private readonly cardFailures = new Map<string, { remaining: number; retryable: boolean }>();

  private readonly updateFailures = new Map<string, number>();

  /** The next `times` updates of the card `outTrackId` throw (as the adapter does when the PUT fails). */
  failUpdatesOf(outTrackId: string, times: number): void {
    this.updateFailures.set(outTrackId, times);
  }

  /** The next `times` card deliveries (create or add) to `userId`'s direct chat fail. */
  failCardFor(userId: string, times: number, retryable = true): void {
    this.cardFailures.set(userId, { remaining: times, retryable });
  }

  /** Splits `spaces` into those a card reaches and the injected failures. */
  private cardReach(spaces: readonly CardSpace[]): { ok: CardSpace[]; report: DeliveryReport } {
    const report: DeliveryReport = { delivered: [], failed: [] };
    const ok: CardSpace[] = [];
    for (const s of spaces) {
      const f = this.cardFailures.get(spaceKey(s));
      if (f && f.remaining > 0) {
        f.remaining--;
        report.failed.push({ userId: spaceKey(s), code: 'INJECTED', message: 'injected failure', retryable: f.retryable });
        continue;
      }
      ok.push(s);
      report.delivered.push(spaceKey(s));
    }
    return { ok, report };
  }

  /** The next `times` deliveries to `userId` fail. */
  failFor(userId: string, times: number, retryable = true): void {
    this.failures.set(userId, { remaining: times, retryable });
  }

  async notifyUsers(userIds: readonly string[], message: ChatMessage): Promise<DeliveryReport> {
    this.batches++;
    const report: DeliveryReport = { delivered: [], failed: [] };
    for (const userId of userIds) {
      const f = this.failures.get(userId);
      if (f && f.remaining > 0) {
        f.remaining--;
        report.failed.push({ userId, code: 'INJECTED', message: 'injected failure', retryable: f.retryable });
        continue;
      }
      this.messages.push({ userId, message, at: Date.now() });
      report.delivered.push(userId);
    }
    return report;
  }

  async notifyGroup(conversationId: string, message: ChatMessage): Promise<DeliveryReport> {
    this.groupMessages.push({ conversationId, message });
    return { delivered: [conversationId], failed: [] };
  }

  async deliverCard(outTrackId: string, wanted: readonly CardSpace[], card: CardView): Promise<DeliveryReport> {
    this.cardCalls.push({ call: 'create', outTrackId, spaces: [...wanted], card });
    const { ok: spaces, report } = this.cardReach(wanted);
    const existing = this.cards.get(outTrackId);
    const all = existing ? [...existing.spaces, ...spaces.filter((s) => !existing.spaces.some((e) => spaceKey(e) === spaceKey(s)))] : [...spaces];
    this.cards.set(outTrackId, { spaces: all, card, updates: existing ? existing.updates + 1 : 0 });
    return report;
  }

  async addCardSpaces(outTrackId: string, wanted: readonly CardSpace[]): Promise<DeliveryReport> {
    this.cardCalls.push({ call: 'deliver', outTrackId, spaces: [...wanted] });
    const existing = this.cards.get(outTrackId);
    if (!existing) throw new Error(`no card ${outTrackId}`);
    const { ok: spaces, report } = this.cardReach(wanted);
    existing.spaces.push(...spaces.filter((s) => !existing.spaces.some((e) => spaceKey(e) === spaceKey(s))));
    return report;
  }

  async updateCard(outTrackId: string, card: CardView): Promise<void> {
    this.cardCalls.push({ call: 'update', outTrackId, card });
    const failing = this.updateFailures.get(outTrackId) ?? 0;
    if (failing > 0) {
      this.updateFailures.set(outTrackId, failing - 1);
      throw new Error('injected update failure');
    }
    const existing = this.cards.get(outTrackId);
    if (!existing) throw new Error(`no card ${outTrackId}`);
    this.cards.set(outTrackId, { ...existing, card: card.privatePartial ? mergePartial(existing.card, card) : card, updates: existing.updates + 1 });
  }

  /** The card instance delivered to `userId`'s direct chat (its id and state), if any. */
  cardOf(userId: string): { outTrackId: string; spaces: CardSpace[]; card: CardView; updates: number } | undefined {
    for (const [outTrackId, c] of this.cards) if (c.spaces.some((s) => s.kind === 'dm' && s.userId === userId)) return { outTrackId, ...c };
    return undefined;
  }

  /** The outTrackId of the card most recently delivered to `userId`'s direct chat (a new card or a new space), if any. */
  lastCardTo(userId: string): string | undefined {
    for (let i = this.cardCalls.length - 1; i >= 0; i--) {
      const c = this.cardCalls[i]!;
      if (c.call !== 'update' && c.spaces?.some((s) => s.kind === 'dm' && s.userId === userId)) return c.outTrackId;
    }
    return undefined;
  }

  /** Whether `userId`'s direct chat holds the card `outTrackId`. */
  holds(userId: string, outTrackId: string): boolean {
    return this.cards.get(outTrackId)?.spaces.some((s) => s.kind === 'dm' && s.userId === userId) ?? false;
  }

  async answerPrivately(userId: string, message: ChatMessage): Promise<void> {
    this.privateAnswers.push({ userId, message, at: Date.now() });
  }

  /** Messages received by one user, oldest first. */
  to(userId: string): ChatMessage[] {
    return this.messages.filter((m) => m.userId === userId).map((m) => m.message);
  }
}

function spaceKey(s: CardSpace): string {
  return s.kind === 'dm' ? s.userId : s.conversationId;
}

/**
 * A partial update as DingTalk applies it (private data merged per user): the public part is the update's, each
 * listed user's buttons and notice are theirs now, every other holder keeps what they had.
 */
function mergePartial(before: CardView, update: CardView): CardView {
  const { privatePartial: _partial, ...rest } = update;
  const notices: Record<string, string> = { ...before.privateNotice };
  for (const userId of Object.keys(update.privateActions)) delete notices[userId];
  Object.assign(notices, update.privateNotice);
  const merged: CardView = { ...rest, privateActions: { ...before.privateActions, ...update.privateActions } };
  if (Object.keys(notices).length > 0) merged.privateNotice = notices;
  else delete merged.privateNotice;
  return merged;
}
