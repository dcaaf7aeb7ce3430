/**
 * OutboxStore on TypeORM. Claiming is portable and safe across processes: pick candidate ids, then a guarded
 * UPDATE that only succeeds for rows still due; the rows this owner got are read back by owner tag. A claimed row's
 * `available_at` is its lease expiry: if the process dies, the row becomes due again.
 */
import { randomUUID } from 'node:crypto';
import { In, LessThanOrEqual, type EntityManager, type Repository } from 'typeorm';
import type { Gate } from './gate';
import type { OutboxRecord as OutboxItem, OutboxStore } from '../../domain/ports/outbox.port';
import type { EventData, TicketEvent, TicketEventType } from '../../domain/tickets/events';
import type { EntryPoint } from '../../domain/tickets/ticket';
import { OutboxRecord } from './records/outbox.record';

function toItem(r: OutboxRecord): OutboxItem {
  const event: TicketEvent = {
    type: r.type as TicketEventType,
    ticketId: Number(r.ticketId),
    ref: r.ref,
    actor: r.actor,
    entryPoint: r.entryPoint as EntryPoint,
    at: new Date(r.at),
    data: JSON.parse(r.data) as EventData,
  };
  return { id: Number(r.id), event, attempts: Number(r.attempts) };
}

export class TypeormOutboxStore implements OutboxStore {
  constructor(private readonly gate: Gate) {}

  claim(owner: string, limit: number, now: Date, leaseMs: number): Promise<OutboxItem[]> {
    return this.gate.run((m) => this.claimWith(m.getRepository(OutboxRecord), owner, limit, now, leaseMs));
  }

  private async claimWith(
    repo: Repository<OutboxRecord>,
    owner: string,
    limit: number,
    now: Date,
    leaseMs: number,
  ): Promise<OutboxItem[]> {
    const due = await repo.find({
      select: { id: true },
      where: { status: 'pending', availableAt: LessThanOrEqual(now) },
      order: { id: 'ASC' },
      take: limit,
    });
    if (due.length === 0) return [];
    const tag = `${owner}#${randomUUID()}`.slice(0, 96);
    await repo
      .createQueryBuilder()
      .update(OutboxRecord)
      .set({ claimedBy: tag, availableAt: new Date(now.getTime() + leaseMs), attempts: () => 'attempts + 1' })
      .where({ id: In(due.map((d) => d.id)), status: 'pending', availableAt: LessThanOrEqual(now) })
      .execute();
    const mine = await repo.find({ where: { claimedBy: tag, status: 'pending' }, order: { id: 'ASC' } });
    return mine.map(toItem);
  }

  async markDone(id: number, _owner: string, now: Date): Promise<void> {
    await this.gate.run((m) => m.getRepository(OutboxRecord).update({ id }, { status: 'done', processedAt: now, lastError: null }));
  }

  async markFailed(id: number, _owner: string, error: string, retryAt: Date, dead: boolean): Promise<void> {
    await this.gate.run((m) =>
      m
        .getRepository(OutboxRecord)
        .update({ id }, { status: dead ? 'dead' : 'pending', availableAt: retryAt, claimedBy: null, lastError: error.slice(0, 4000) }),
    );
  }

  async stats(): Promise<Record<string, number>> {
    const rows = (await this.gate.run((m) =>
      m
        .getRepository(OutboxRecord)
        .createQueryBuilder('o')
        .select('o.status', 'status')
        .addSelect('COUNT(*)', 'n')
        .groupBy('o.status')
        .getRawMany(),
    )) as Array<{ status: string; n: number | string }>;
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async dead(limit: number): Promise<OutboxItem[]> {
    const rows = await this.gate.run((m) =>
      m.getRepository(OutboxRecord).find({ where: { status: 'dead' }, order: { id: 'ASC' }, take: limit }),
    );
    return rows.map(toItem);
  }

  async replay(id: number, now: Date): Promise<boolean> {
    const res = await this.gate.run((m) =>
      m.getRepository(OutboxRecord).update({ id, status: 'dead' }, { status: 'pending', availableAt: now, attempts: 0, claimedBy: null }),
    );
    return (res.affected ?? 0) === 1;
  }
}
