/** The `portal_shortcuts` table: a person's saved filters of the workbench page (快捷方式, docs/portal.md). */
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { code, instant, longText, small, text } from './columns';

@Entity({ name: 'portal_shortcuts' })
@Index('idx_portal_shortcuts_owner', ['owner'])
export class ShortcutRecord {
  @PrimaryGeneratedColumn({ type: 'int' }) id!: number;
  @Column(code()) owner!: string;
  @Column(text(80)) name!: string;
  /** JSON object: the QueueFilter. */
  @Column(longText()) filter!: string;
  @Column(code(16)) sort!: string;
  @Column(small()) pinned!: number;
  @Column({ ...instant(), name: 'created_at' }) createdAt!: Date;
}
