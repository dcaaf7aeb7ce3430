/** CardStore on TypeORM. */
import { SqlRows } from './sql-rows';
import type { CardSpace } from '../../domain/ports/chat-gateway.port';
import type { CardStore, IntakeDraft, TicketCard } from '../../domain/ports/card-store.port';
import type { Gate } from './gate';
import { IntakeDraftRecord, TicketCardRecord } from './records/card.record';

const toCard = (r: TicketCardRecord): TicketCard => ({
  ticketId: Number(r.ticketId),
  outTrackId: r.outTrackId,
  space: (r.spaceKind === 'group' ? { kind: 'group', conversationId: r.spaceId } : { kind: 'dm', userId: r.spaceId }) as CardSpace,
  role: r.role,
  createdAt: new Date(r.createdAt),
});

/** Every chat message reads and writes here, so the statements are prepared (`SqlRows`), not built per call. */
export class TypeormCardStore implements CardStore {
  private readonly cards: SqlRows<TicketCardRecord>;
  private readonly drafts: SqlRows<IntakeDraftRecord>;

  constructor(private readonly gate: Gate) {
    this.cards = new SqlRows(gate.ds, TicketCardRecord);
    this.drafts = new SqlRows(gate.ds, IntakeDraftRecord);
  }

  /**
   * Cards recorded in the same moment (one filing delivers three or more; concurrent filings more) are written in
   * one statement: each call joins the batch that is waiting, and the batch goes at the next turn of the event loop.
   */
  private batch: Array<{ row: Partial<TicketCardRecord>; done: (e?: unknown) => void }> = [];

  /** Recorded once per outTrackId (a card already recorded is left as it is). */
  addCard(card: TicketCard): Promise<void> {
    return new Promise((resolve, reject) => {
      this.batch.push({
        row: {
          outTrackId: card.outTrackId,
          ticketId: card.ticketId,
          spaceKind: card.space.kind,
          spaceId: card.space.kind === 'dm' ? card.space.userId : card.space.conversationId,
          role: card.role,
          createdAt: card.createdAt,
        },
        done: (e) => (e === undefined ? resolve() : reject(e)),
      });
      if (this.batch.length === 1) setImmediate(() => void this.writeBatch());
    });
  }

  private async writeBatch(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    try {
      await this.gate.run((m) => this.cards.insertMany(m, batch.map((b) => b.row), { ignoreDuplicates: true }));
      for (const b of batch) b.done();
    } catch (e) {
      for (const b of batch) b.done(e);
    }
  }

  async cardsOf(ticketId: number): Promise<TicketCard[]> {
    const c = this.cards;
    return (await this.gate.run((m) => c.select(m, `${c.column('ticketId')} = ?`, [ticketId], `ORDER BY ${c.column('createdAt')} ASC`))).map(
      toCard,
    );
  }

  async cardByOutTrackId(outTrackId: string): Promise<TicketCard | null> {
    const c = this.cards;
    const [r] = await this.gate.run((m) => c.select(m, `${c.column('outTrackId')} = ?`, [outTrackId]));
    return r ? toCard(r) : null;
  }

  async saveDraft(d: IntakeDraft): Promise<void> {
    await this.gate.run((m) => this.drafts.insert(m, { ...d }));
  }

  async draft(id: string): Promise<IntakeDraft | null> {
    const d = this.drafts;
    const [r] = await this.gate.run((m) => d.select(m, `${d.column('id')} = ?`, [id]));
    return r
      ? {
          id: r.id,
          personId: r.personId,
          userId: r.userId,
          conversationId: r.conversationId,
          conversationType: r.conversationType as 'dm' | 'group',
          text: r.text,
          createdAt: new Date(r.createdAt),
          ticketId: r.ticketId === null ? null : Number(r.ticketId),
        }
      : null;
  }

  async useDraft(id: string, ticketId: number): Promise<boolean> {
    const d = this.drafts;
    return (await this.gate.run((m) => d.updateWhere(m, { ticketId }, `${d.column('id')} = ? AND ${d.column('ticketId')} IS NULL`, [id]))) === 1;
  }
}
