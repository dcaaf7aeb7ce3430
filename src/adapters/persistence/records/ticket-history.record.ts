/** The `ticket_history` table: one row per change (who, when, from which entry point, old → new fields). */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { code, instant, int, longText } from './columns';

@Entity({ name: 'ticket_history' })
@Index('idx_ticket_history_ticket', ['ticketId', 'id'])
export class TicketHistoryRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ ...int(), name: 'ticket_id' }) ticketId!: number;
  @Column(instant()) at!: Date;
  @Column(code()) actor!: string;
  @Column({ ...code(16), name: 'entry_point' }) entryPoint!: string;
  @Column(code(32)) action!: string;
  /** JSON array of `{field, from, to}`. */
  @Column(longText()) changes!: string;
}
