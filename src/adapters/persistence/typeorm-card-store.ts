/** CardStore on TypeORM. */
import { IsNull } from 'typeorm';
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

export class TypeormCardStore implements CardStore {
  constructor(private readonly gate: Gate) {}

  addCard(card: TicketCard): Promise<boolean> {
    return this.gate.run(async (m) => {
      if (await m.findOne(TicketCardRecord, { where: { outTrackId: card.outTrackId } })) return false;
      await m.insert(TicketCardRecord, {
        outTrackId: card.outTrackId,
        ticketId: card.ticketId,
        spaceKind: card.space.kind,
        spaceId: card.space.kind === 'dm' ? card.space.userId : card.space.conversationId,
        role: card.role,
        createdAt: card.createdAt,
      });
      return true;
    });
  }

  async cardsOf(ticketId: number): Promise<TicketCard[]> {
    return (await this.gate.run((m) => m.find(TicketCardRecord, { where: { ticketId }, order: { createdAt: 'ASC' } }))).map(toCard);
  }

  async cardByOutTrackId(outTrackId: string): Promise<TicketCard | null> {
    const r = await this.gate.run((m) => m.findOne(TicketCardRecord, { where: { outTrackId } }));
    return r ? toCard(r) : null;
  }

  async saveDraft(d: IntakeDraft): Promise<void> {
    await this.gate.run((m) => m.insert(IntakeDraftRecord, { ...d }));
  }

  async draft(id: string): Promise<IntakeDraft | null> {
    const r = await this.gate.run((m) => m.findOne(IntakeDraftRecord, { where: { id } }));
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
    const res = await this.gate.run((m) => m.update(IntakeDraftRecord, { id, ticketId: IsNull() }, { ticketId }));
    return (res.affected ?? 0) === 1;
  }
}
