/**
 * The `directory_entries` table: one row per directory entry (organisation, person, team, service, SLA,
 * contract, delivery model, calendar, service family), keyed by (kind, code). The entry itself is stored as
 * canonical JSON so that re-importing the same file compares equal and writes nothing.
 */
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { code, instant, int, keyCode, longText, text } from './columns';

@Entity({ name: 'directory_entries' })
@Index('idx_directory_entries_kind_status', ['kind', 'status'])
export class DirectoryEntryRecord {
  @PrimaryColumn(keyCode(32)) kind!: string;
  @PrimaryColumn(keyCode(191)) code!: string;
  @Column(text(255)) name!: string;
  @Column(code(16)) status!: string;
  /** Position in the file's list, so an export keeps the administrator's order. */
  @Column(int()) position!: number;
  @Column(longText()) body!: string;
  @Column({ ...instant(), name: 'updated_at' }) updatedAt!: Date;
}

/** Key/value facts about the stored directory: `timezone`, `revision` (bumped by every import that writes). */
@Entity({ name: 'directory_meta' })
export class DirectoryMetaRecord {
  @PrimaryColumn(keyCode(64)) key!: string;
  @Column(text(255)) value!: string;
}
