/**
 * AttachmentStore on TypeORM (docs/domain.md "Attachments"): reads `ticket_attachments` (lists without the bytes)
 * and keeps `attachment_waits`. The rows themselves are written by the ticket transaction
 * (`TicketTx.appendAttachment`), with their history row and outbox event.
 */
import type { AttachmentInfo, AttachmentKind, NewAttachment } from '../../domain/attachments/attachment';
import type { AttachmentStore, AttachmentWait } from '../../domain/ports/attachment-store.port';
import type { Gate } from './gate';
import { AttachmentRecord, AttachmentWaitRecord } from './records/attachment.record';
import { SqlRows } from './sql-rows';

const INFO = ['id', 'ticketId', 'kind', 'name', 'contentType', 'size', 'mediaId', 'addedBy', 'addedAt'] as const;

const toInfo = (r: Pick<AttachmentRecord, (typeof INFO)[number]>): AttachmentInfo => ({
  id: Number(r.id),
  ticketId: Number(r.ticketId),
  kind: r.kind as AttachmentKind,
  name: r.name,
  contentType: r.contentType,
  size: Number(r.size),
  mediaId: r.mediaId ?? null,
  addedBy: r.addedBy,
  addedAt: new Date(r.addedAt),
});

export class TypeormAttachmentStore implements AttachmentStore {
  private readonly rows: SqlRows<AttachmentRecord>;
  private readonly waits: SqlRows<AttachmentWaitRecord>;

  constructor(private readonly gate: Gate) {
    this.rows = new SqlRows(gate.ds, AttachmentRecord);
    this.waits = new SqlRows(gate.ds, AttachmentWaitRecord);
  }

  async list(ticketId: number): Promise<AttachmentInfo[]> {
    const r = this.rows;
    const found = await this.gate.run((m) => r.selectSome(m, INFO, `${r.column('ticketId')} = ?`, [ticketId], `ORDER BY ${r.column('id')} ASC`));
    return found.map(toInfo);
  }

  async content(id: number): Promise<{ info: AttachmentInfo; content: Uint8Array } | null> {
    const r = this.rows;
    const [row] = await this.gate.run((m) => r.select(m, `${r.column('id')} = ?`, [id]));
    if (!row) return null;
    const bytes = row.content as unknown;
    return { info: toInfo(row), content: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes as Uint8Array) };
  }

  async storedFrom(msgId: string): Promise<AttachmentInfo[]> {
    const r = this.rows;
    return (await this.gate.run((m) => r.selectSome(m, INFO, `${r.column('sourceMsg')} = ?`, [msgId], `ORDER BY ${r.column('sourceIndex')} ASC`))).map(toInfo);
  }

  async park(a: NewAttachment): Promise<void> {
    // Parked: no ticket yet (ticket id 0) until a pick adopts it.
    await this.gate.run((m) => this.rows.insertMany(m, [attachmentRow({ ...a, ticketId: 0 })], { ignoreDuplicates: true }));
  }

  async await(wait: AttachmentWait): Promise<void> {
    const w = this.waits;
    await this.gate.tx(async (m) => {
      await w.updateWhere(m, { ticketId: wait.ticketId, until: wait.until }, `${w.column('userId')} = ?`, [wait.userId]);
      await w.insertMany(m, [{ userId: wait.userId, ticketId: wait.ticketId, until: wait.until }], { ignoreDuplicates: true });
    });
  }

  async waitOf(userId: string, now: Date): Promise<AttachmentWait | null> {
    const w = this.waits;
    const [row] = await this.gate.run((m) => w.select(m, `${w.column('userId')} = ? AND ${w.column('until')} > ?`, [userId, w.param('until', now)]));
    return row ? { userId: row.userId, ticketId: Number(row.ticketId), until: new Date(row.until) } : null;
  }

  async endWait(userId: string): Promise<void> {
    const w = this.waits;
    await this.gate.run((m) => m.query(`DELETE FROM ${w.table} WHERE ${w.column('userId')} = ?`, [userId]));
  }
}

/** One attachment's row, bytes included: parked here, appended with its ticket by `TicketTx.appendAttachment`. */
export function attachmentRow(a: NewAttachment): Partial<AttachmentRecord> {
  return {
    ticketId: a.ticketId,
    kind: a.kind,
    name: a.name,
    contentType: a.contentType,
    size: a.size,
    mediaId: a.mediaId,
    addedBy: a.addedBy,
    addedAt: a.addedAt,
    sourceMsg: a.sourceMsg,
    sourceIndex: a.sourceIndex,
    content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
  };
}
