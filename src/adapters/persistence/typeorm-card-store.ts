/** CardStore on TypeORM. */
import { marks, SqlRows } from './sql-rows';
import { WriteCoalescer } from './write-coalescer';
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
   * Cards recorded at about the same moment (one filing delivers three or more; concurrent filings more) are
   * written in one statement (`WriteCoalescer`).
   */
  private readonly cardWrites = new WriteCoalescer<Partial<TicketCardRecord>>((rows) =>
    this.gate.run((m) => this.cards.insertMany(m, rows, { ignoreDuplicates: true })),
  );

  /** Recorded once per (outTrackId, space) (a space already recorded is left as it is). */
  addCard(card: TicketCard): Promise<void> {
    return this.cardWrites.add({
      outTrackId: card.outTrackId,
      ticketId: card.ticketId,
      spaceKind: card.space.kind,
      spaceId: card.space.kind === 'dm' ? card.space.userId : card.space.conversationId,
      role: card.role,
      createdAt: card.createdAt,
    });
  }

  async cardsOf(ticketId: number): Promise<TicketCard[]> {
    const c = this.cards;
    return (await this.gate.run((m) => c.select(m, `${c.column('ticketId')} = ?`, [ticketId], `ORDER BY ${c.column('createdAt')} ASC`))).map(
      toCard,
    );
  }

  async holdingsOf(ticketId: number, outTrackId: string, userIds: readonly string[]): Promise<{ instance: boolean; others: TicketCard[]; held: string[] }> {
    const c = this.cards;
    const [ticket, track, kind, space] = [c.column('ticketId'), c.column('outTrackId'), c.column('spaceKind'), c.column('spaceId')];
    const mine = userIds.length > 0 ? ` OR (${kind} = 'dm' AND ${space} IN (${marks(userIds.length)}))` : '';
    return this.gate.run(async (m) => {
      // The instance's spaces of these users and every other card of the ticket (few: per-person cards of old),
      // and one row of the instance in the same statement: whether it exists.
      const both = await c.selectBoth(m, `${ticket} = ? AND (${track} <> ?${mine})`, `${track} = ?`, 1, [ticketId, outTrackId, ...userIds, outTrackId]);
      const instance = both.some((r) => r.outTrackId === outTrackId);
      // A row of both parts comes twice: `held` is a set, and `others` has no row of the instance.
      const rows = both.map(toCard);
      const held = [...new Set(rows.flatMap((r) => (r.space.kind === 'dm' && userIds.includes(r.space.userId) ? [r.space.userId] : [])))];
      return { instance, others: rows.filter((r) => r.outTrackId !== outTrackId), held };
    });
  }

  async spacesOfCard(outTrackId: string): Promise<TicketCard[]> {
    const c = this.cards;
    return (await this.gate.run((m) => c.select(m, `${c.column('outTrackId')} = ?`, [outTrackId], `ORDER BY ${c.column('createdAt')} ASC`))).map(toCard);
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
