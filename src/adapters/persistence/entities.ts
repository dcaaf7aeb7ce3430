/** Every record class, for the data sources and the migration check. */
import { IntakeDraftRecord, TicketCardRecord } from './records/card.record';
import { DirectoryEntryRecord, DirectoryMetaRecord } from './records/directory-entry.record';
import { InboxRecord } from './records/inbox.record';
import { OutboxRecord } from './records/outbox.record';
import { TicketHistoryRecord } from './records/ticket-history.record';
import { TicketLogRecord } from './records/ticket-log.record';
import { NoticeRecord } from './records/notice.record';
import { ProcessRecord } from './records/process.record';
import { ThresholdRecord } from './records/threshold.record';
import { TicketRecord } from './records/ticket.record';
import { ShortcutRecord } from './records/shortcut.record';
import { StaffSyncMarkRecord } from './records/staff-sync-mark.record';
// FAQ (issue 14)
import { FaqRecord } from './records/faq.record';
import { AttachmentRecord, AttachmentWaitRecord } from './records/attachment.record';
import { DailyReportRecord } from './records/daily-report.record';
import { DemandRecord } from './records/demand.record';
import { DemandVoteRecord } from './records/demand-vote.record';
import { ChangeRecord, ChangeThresholdRecord } from './records/change.record';
import { RefNumberRecord } from './records/ref-number.record';

export const ENTITIES = [
  TicketRecord,
  TicketLogRecord,
  TicketHistoryRecord,
  OutboxRecord,
  InboxRecord,
  DirectoryEntryRecord,
  DirectoryMetaRecord,
  ThresholdRecord,
  NoticeRecord,
  TicketCardRecord,
  IntakeDraftRecord,
  ProcessRecord,
  ShortcutRecord,
  StaffSyncMarkRecord,
  // FAQ (issue 14)
  FaqRecord,
  AttachmentRecord,
  AttachmentWaitRecord,
  DailyReportRecord,
  DemandRecord,
  DemandVoteRecord,
  ChangeRecord,
  RefNumberRecord,
  ChangeThresholdRecord,
];
