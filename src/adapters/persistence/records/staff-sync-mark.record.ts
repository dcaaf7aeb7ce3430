/**
 * `staff_sync_marks`: the people the staff sync deactivated (docs/domain.md §6.2), with the directory entry they had
 * before (canonical JSON), so a later directory import of that unchanged entry keeps them inactive and an import
 * whose entry changed (or `directory:import --reactivate ID`) reactivates them.
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { code, instant, keyCode, longText } from './columns';

@Entity({ name: 'staff_sync_marks' })
export class StaffSyncMarkRecord {
  @PrimaryColumn({ ...keyCode(191), name: 'person_id' }) personId!: string;
  /** The person's entry as it was before the sync deactivated them (canonical JSON, status active). */
  @Column({ ...longText(), name: 'entry_before' }) entryBefore!: string;
  /** `dingtalk` (an address-book event) or `hr` (people:sync). */
  @Column(code(16)) source!: string;
  @Column({ ...instant(), name: 'marked_at' }) markedAt!: Date;
}
