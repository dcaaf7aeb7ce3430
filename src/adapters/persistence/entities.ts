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
import { ChangeRecord, ChangeThresholdRecord } from './records/change.record';

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
  ChangeRecord,
  ChangeThresholdRecord,
];
