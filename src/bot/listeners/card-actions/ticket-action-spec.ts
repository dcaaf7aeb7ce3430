/** What one ticket-card action id does (`ticket-actions.ts`, `duplicate-card-actions.ts`, `urgent-card-action.ts`). */
import type { Log } from '../../../domain/ports/log.port';
import type { Result } from '../../../domain/shared/result';
import type { Ticket } from '../../../domain/tickets/ticket';
import type { TicketButtonId } from '../../action-ids';
import type { BotCatalog } from '../../views/replies/bot-catalog';
import type { Actor } from '../../../domain/tickets/actor';
import type { CardActionParams } from './card-action-params';
import type { ChatLayerDeps } from '../../chat-deps';

export interface TicketActionSpec {
  /** The notice after success: a catalog `notice.done` key, or the sentence built from the result's value. */
  done: TicketButtonId | 'assign' | 'reassign' | 'link' | ((c: BotCatalog, value: unknown, ref: string) => string);
  /** The one text input a `text` param fills. */
  input: string | null;
  /** Where the result keeps the saved ticket, when it is not the result itself (default: the value, if it is one). */
  ticketOf?(value: unknown): Ticket | undefined;
  run(deps: ChatLayerDeps, actor: Actor, ref: string, p: CardActionParams, t: Ticket, log: Log): Promise<Result<unknown>>;
}
