/** The `ticket_logs` table: public and private case-log entries. */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { code, instant, int, longText } from './columns';

@Entity({ name: 'ticket_logs' })
@Index('idx_ticket_logs_ticket', ['ticketId', 'id'])
export class TicketLogRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column({ ...int(), name: 'ticket_id' }) ticketId!: number;
  @Column(instant()) at!: Date;
  @Column(code()) author!: string;
  @Column(code(16)) visibility!: string;
  @Column(longText()) text!: string;
}
