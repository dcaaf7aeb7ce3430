/**
 * The `processes` table: one row per running bot process (its owner tag), heartbeating every ~2 s. Rows leased by
 * an owner whose heartbeat stopped are taken over by the living within seconds, before their lease runs out.
 */
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { code, instant, int, keyCode } from './columns';

@Entity({ name: 'processes' })
@Index('idx_processes_heartbeat', ['heartbeatAt'])
export class ProcessRecord {
  /** The per-process owner tag (`<pid>-<random>`), as written in the `claimed_by` columns. */
  @PrimaryColumn(keyCode(96)) owner!: string;
  @Column(code(191)) host!: string;
  @Column(int()) pid!: number;
  @Column({ ...instant(), name: 'started_at' }) startedAt!: Date;
  @Column({ ...instant(), name: 'heartbeat_at' }) heartbeatAt!: Date;
}
