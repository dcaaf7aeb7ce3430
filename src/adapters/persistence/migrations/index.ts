/** The reviewed MySQL/MariaDB migrations, in order. Schema only, never rows. */
import { Initial1795852829310 } from './1795852829310-Initial';
import { EscalationAndNotices1795853461378 } from './1795853461378-EscalationAndNotices';
import { ChatCards1795854964337 } from './1795854964337-ChatCards';
import { TicketSourceMessage1795855000000 } from './1795855000000-TicketSourceMessage';
import { NoticeClaims1795855100000 } from './1795855100000-NoticeClaims';
import { ProcessLeases1795855200000 } from './1795855200000-ProcessLeases';
import { CardInstanceSpaces1795855300000 } from './1795855300000-CardInstanceSpaces';
import { PortalShortcuts1795856600000 } from './1795856600000-PortalShortcuts';
import { StaffSyncMarks1795856400000 } from './1795856400000-StaffSyncMarks';
// FAQ (issue 14)
import { FaqEntries1795856300000 } from './1795856300000-FaqEntries';
import { TicketAttachments1795856200000 } from './1795856200000-TicketAttachments';
import { DailyReports1795856500000 } from './1795856500000-DailyReports';
import { Demands1795856500001 } from './1795856500001-Demands';
import { Changes1795856800000 } from './1795856800000-Changes';
import { SharedRefNumbers1795857300000 } from './1795857300000-SharedRefNumbers';
import { DemandVotes1795857500000 } from './1795857500000-DemandVotes';
import { TicketServiceIndexes1795857700000 } from './1795857700000-TicketServiceIndexes';
import { Problems1795856310000 } from './1795856310000-Problems';

export const MIGRATIONS: Function[] = [
  Initial1795852829310,
  EscalationAndNotices1795853461378,
  ChatCards1795854964337,
  TicketSourceMessage1795855000000,
  NoticeClaims1795855100000,
  ProcessLeases1795855200000,
  CardInstanceSpaces1795855300000,
  TicketAttachments1795856200000,
  FaqEntries1795856300000,
  Problems1795856310000,
  StaffSyncMarks1795856400000,
  DailyReports1795856500000,
  Demands1795856500001,
  PortalShortcuts1795856600000,
  Changes1795856800000,
  SharedRefNumbers1795857300000,
  DemandVotes1795857500000,
  TicketServiceIndexes1795857700000,
];
