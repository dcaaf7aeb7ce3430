/**
 * `ticket_attachments`: pictures, files, videos and voice stored with their ticket, bytes included (LONGBLOB on
 * MySQL/MariaDB, BLOB on SQLite), at most ATTACHMENT_MAX_MB each. `(source_msg, source_index)` is unique: one row
 * per file of a chat message, ever. `attachment_waits`: who announced an attachment with `附件 R-…`, until when.
 */
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { code, instant, int, keyCode, text } from './columns';

@Entity({ name: 'ticket_attachments' })
@Index('idx_ticket_attachments_ticket', ['ticketId', 'id'])
@Index('uq_ticket_attachments_source', ['sourceMsg', 'sourceIndex'], { unique: true })
export class AttachmentRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ ...int(), name: 'ticket_id' }) ticketId!: number;
  @Column(code(16)) kind!: string;
  @Column(text(191)) name!: string;
  @Column({ ...code(128), name: 'content_type' }) contentType!: string;
  @Column(int()) size!: number;
  @Column({ ...code(191, true), name: 'media_id' }) mediaId!: string | null;
  @Column({ ...code(64), name: 'added_by' }) addedBy!: string;
  @Column({ ...instant(), name: 'added_at' }) addedAt!: Date;
  @Column({ ...code(191), name: 'source_msg' }) sourceMsg!: string;
  @Column({ ...int(), name: 'source_index' }) sourceIndex!: number;
  @Column({ type: 'longblob' }) content!: Buffer;
}

@Entity({ name: 'attachment_waits' })
export class AttachmentWaitRecord {
  @PrimaryColumn({ ...keyCode(64), name: 'user_id' }) userId!: string;
  @Column({ ...int(), name: 'ticket_id' }) ticketId!: number;
  @Column(instant()) until!: Date;
}
