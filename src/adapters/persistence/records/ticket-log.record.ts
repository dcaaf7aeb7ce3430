/** The `ticket_logs` table: public and private case-log entries. */
import { Column, Entity, Index } from 'typeorm';
import { code, longText } from './columns';
import { TicketEntryRecord } from './ticket-entry.record';

@Entity({ name: 'ticket_logs' })
@Index('idx_ticket_logs_ticket', ['ticketId', 'id'])
export class TicketLogRecord extends TicketEntryRecord {
  @Column(code()) author!: string;
  @Column(code(16)) visibility!: string;
  @Column(longText()) text!: string;
}
