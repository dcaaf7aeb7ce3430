/** The `inbox` table: incoming chat messages and card callbacks keyed by DingTalk message id (dedupe key). */
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { code, instant, int, keyCode, longText } from './columns';

@Entity({ name: 'inbox' })
@Index('idx_inbox_status', ['status', 'receivedAt'])
@Index('idx_inbox_lease', ['status', 'leaseUntil'])
export class InboxRecord {
  @PrimaryColumn(keyCode(191)) id!: string;
  @Column(code(16)) kind!: string;
  /** The frame as JSON text; '' once trimmed (a done row keeps only what dedupe needs: its id). */
  @Column(longText()) payload!: string;
  @Column({ ...instant(), name: 'received_at' }) receivedAt!: Date;
  /** pending | done | dead */
  @Column(code(16)) status!: string;
  @Column(int()) attempts!: number;
  @Column({ ...longText(true), name: 'last_error' }) lastError!: string | null;
  @Column({ ...instant(true), name: 'done_at' }) doneAt!: Date | null;
  @Column(code(64, true)) outcome!: string | null;
  /** Until when the process handling it holds it (the sweep takes over expired holds). */
  @Column({ ...instant(), name: 'lease_until' }) leaseUntil!: Date;
  /** The owner tag of the process holding it (received it, or took it over); a dead owner's hold is taken at once. */
  @Column({ ...code(96, true), name: 'claimed_by' }) claimedBy!: string | null;
}
