/** The `outbox` table: domain events committed with their ticket change, leased to consumers. */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { code, instant, int, longText } from './columns';

@Entity({ name: 'outbox' })
@Index('idx_outbox_due', ['status', 'availableAt'])
@Index('idx_outbox_ticket', ['ticketId'])
export class OutboxRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ ...int(), name: 'ticket_id' }) ticketId!: number;
  @Column(code(16)) ref!: string;
  @Column(code(48)) type!: string;
  @Column(code()) actor!: string;
  @Column({ ...code(16), name: 'entry_point' }) entryPoint!: string;
  @Column(instant()) at!: Date;
  /** JSON object. */
  @Column(longText()) data!: string;
  /** pending | done | dead */
  @Column(code(16)) status!: string;
  @Column(int()) attempts!: number;
  @Column({ ...instant(), name: 'available_at' }) availableAt!: Date;
  @Column({ ...code(96, true), name: 'claimed_by' }) claimedBy!: string | null;
  @Column({ ...longText(true), name: 'last_error' }) lastError!: string | null;
  @Column({ ...instant(true), name: 'processed_at' }) processedAt!: Date | null;
}
