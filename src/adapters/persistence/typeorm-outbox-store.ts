/**
 * OutboxStore on TypeORM. Claiming is portable and safe across processes: pick candidate ids, then a guarded
 * UPDATE that only succeeds for rows still due; the rows this owner got are read back by owner tag. A claimed row's
 * `available_at` is its lease expiry: if the process dies, the row becomes due again, or at once when `liveness`
 * says its owner's heartbeat stopped.
 */
import { randomUUID } from 'node:crypto';
import type { Gate } from './gate';
import type { OutboxRecord as OutboxItem, OutboxStore } from '../../domain/ports/outbox.port';
import type { EventData, TicketEvent, TicketEventType } from '../../domain/tickets/events';
import type { EntryPoint } from '../../domain/tickets/ticket';
import { OutboxRecord } from './records/outbox.record';
import { claimDueRows } from './lease-claim';
import type { OwnerLiveness } from './process-registry';
import { marks, SqlRows } from './sql-rows';

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
  private readonly rows: SqlRows<OutboxRecord>;

  constructor(
    private readonly gate: Gate,
    /** Which owners are dead (their rows are taken before the lease ends); unset: the lease expiry alone. */
    private readonly liveness?: OwnerLiveness,
  ) {
    this.rows = new SqlRows(gate.ds, OutboxRecord);
  }

  /** Due rows (or a dead owner's), leased to `owner` (`claimDueRows`: `available_at` holds the lease's end). */
  async claim(owner: string, limit: number, now: Date, leaseMs: number): Promise<OutboxItem[]> {
    const tag = `${owner}#${randomUUID()}`.slice(0, 96);
    const takeFrom = (await this.liveness?.deadOwners()) ?? [];
    const got = await this.gate.run((m) => claimDueRows(m, this.rows, { dueAt: 'availableAt', tag, limit, now, leaseMs, takeFrom }));
    return got.map(toItem);
  }

  async markDone(ids: number[], _owner: string, now: Date): Promise<void> {
    if (ids.length === 0) return;
    const o = this.rows;
    await this.gate.run((m) => o.updateWhere(m, { status: 'done', processedAt: now, lastError: null }, `${o.column('id')} IN (${marks(ids.length)})`, ids));
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
