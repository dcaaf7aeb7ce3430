/** The `ticket_history` table: one row per change (who, when, from which entry point, old → new fields). */
import { Column, Entity, Index } from 'typeorm';
import { code, longText } from './columns';
import { TicketEntryRecord } from './ticket-entry.record';

@Entity({ name: 'ticket_history' })
@Index('idx_ticket_history_ticket', ['ticketId', 'id'])
export class TicketHistoryRecord extends TicketEntryRecord {
  @Column(code()) actor!: string;
  @Column({ ...code(16), name: 'entry_point' }) entryPoint!: string;
  @Column(code(32)) action!: string;
  /** JSON array of `{field, from, to}`. */
  @Column(longText()) changes!: string;
}
