/**
 * What the chat layer needs: the ticket API, the directory, the card registry, the chat ports, and its state as
 * ports too (the filing limit, the administrators' alert memory), so that what it remembers is explicit.
 */
import type { AdminAlertMemory } from '../domain/ports/admin-alert-memory.port';
import type { CardStore } from '../domain/ports/card-store.port';
import type { ChatGateway } from '../domain/ports/chat-gateway.port';
import type { Clock } from '../domain/ports/clock.port';
import type { DirectoryStore } from '../domain/ports/directory-store.port';
import type { FilingLimit } from '../domain/ports/filing-limit.port';
import type { Log } from '../domain/ports/log.port';
import type { NoticeWriter } from '../domain/ports/notice-store.port';
import type { Locale } from '../domain/shared/locale';
import type { TicketService } from '../application/tickets/ticket-service';
import type { FaqService } from '../application/faq/faq-service';
import type { AttachmentStore } from '../domain/ports/attachment-store.port';
import type { ChatFiles } from '../domain/ports/chat-files.port';
import type { DemandStore } from '../domain/ports/demand-pool.port';
import type { ChangeService } from '../application/changes/change-service';

export interface ChatLayerDeps {
  tickets: TicketService;
  directory: DirectoryStore;
  cards: CardStore;
  /**
   * The notices the card replaces (a person who gets a ticket's card as a new delivery is not sent the text
   * notice of that event), and the caller's text answer where the card cannot be delivered.
   */
  notices: NoticeWriter;
  gateway: ChatGateway;
  clock: Clock;
  log: Log;
  defaultLocale: Locale;
  /** The filing rate limit (one per process: every entry point shares it). */
  filingLimit: FilingLimit;
  /** Whom the administrators were told about today (alert-admins.ts). */
  adminAlerts: AdminAlertMemory;
  /**
   * AUTO_JOIN_THRESHOLD: a new request scoring at least this (`joinScore`) against an open incident of its service
   * is linked to it at filing (a storm join). Default `DEFAULT_AUTO_JOIN_THRESHOLD`.
   */
  autoJoinThreshold?: number;
  /** The FAQ answered before filing, `faq` search and stats (docs/domain.md §8); absent: no FAQ at all. */
  faqs?: FaqService;
  /** The workbench page's base URL (docs/portal.md): `查看 R-…` ends with the ticket page's link; unset: no link. */
  pageBase?: string;
  /**
   * Attachments (docs/domain.md "Attachments"): where they are read and awaited, how message files are fetched and
   * pictures uploaded, and the largest file stored (ATTACHMENT_MAX_MB). Unset: a picture or file gets a sentence.
   */
  attachments?: { store: AttachmentStore; files: ChatFiles; maxBytes: number };
  /** DEMAND_TEAM: the team new demands are carded to instead of the service's provider team (docs/demands.md). */
  demandTeam?: string;
  /**
   * The demand pool's open demands, for the "+1 to D-…" offer at filing (docs/demands.md "Votes"); absent: no offer.
   * `demandVoteThreshold`: DEMAND_VOTE_THRESHOLD (`demandScore` 0 … 1), default `DEFAULT_DEMAND_VOTE_THRESHOLD`.
   */
  demands?: DemandStore;
  demandVoteThreshold?: number;
  /** Changes (`C-`, docs/changes.md); absent = the `change` command answers that changes are not set up. */
  changes?: ChangeService;
}

/** Where a message came from, i.e. where its answer goes. */
export type Conversation = { kind: 'dm'; userId: string } | { kind: 'group'; conversationId: string; userId: string };
