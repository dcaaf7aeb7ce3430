/** What the chat application layer needs: the ticket API, the directory, the card registry and the chat ports. */
import type { CardStore } from '../../domain/ports/card-store.port';
import type { ChatGateway } from '../../domain/ports/chat-gateway.port';
import type { Clock } from '../../domain/ports/clock.port';
import type { DirectoryStore } from '../../domain/ports/directory-store.port';
import type { Log } from '../../domain/ports/log.port';
import type { Locale } from '../../domain/shared/locale';
import type { TicketService } from '../../application/tickets/ticket-service';

export interface ChatLayerDeps {
  tickets: TicketService;
  directory: DirectoryStore;
  cards: CardStore;
  gateway: ChatGateway;
  clock: Clock;
  log: Log;
  defaultLocale: Locale;
}

/** Where a message came from, i.e. where its answer goes. */
export type Conversation = { kind: 'dm'; userId: string } | { kind: 'group'; conversationId: string; userId: string };
