import type { CardAction, CardView, ChatGateway } from '../../../src/domain/ports/chat-gateway.port';
import type { CardActionAnswer, ChatInboundHandler, IncomingCardAction, IncomingChatMessage } from '../../../src/domain/ports/chat-inbound.port';
import type { DingTalkOpenApiClient } from '../../../src/adapters/dingtalk/openapi/dingtalk-openapi.client';

/**
 * TEST-ONLY ChatInboundHandler (the real chat layer lives in src/bot). On a text message it "opens" a ticket:
 * replies to the sender through the sessionWebhook, delivers a card to the sender (no buttons) and to the service
 * contact (a private "claim" button). `ticket.claim` answers the clicker's card with status "assigned" and a
 * private "resolve" input, then updates the requester's card by PUT after the ACK. `slow` answers after 1.5 s.
 */
export interface TicketEchoHandlerOptions {
  gateway: ChatGateway;
  api: DingTalkOpenApiClient;
  /** DingTalk user id of the service team contact who gets the agent card. */
  contactUserId: string;
  /** Delay before answering a `slow` click. */
  slowMs?: number;
}

interface Ticket {
  ref: string;
  title: string;
  requesterId: string;
  status: string;
  assignee?: string;
  solution?: string;
}

const claim: CardAction = { label: 'Claim', action: 'ticket.claim', tone: 'primary', enabled: true, input: '', placeholder: '' };
const resolve: CardAction = { label: 'Resolve', action: 'ticket.resolve', tone: 'positive', enabled: true, input: 'solution', placeholder: 'Solution' };
const LABELS: Record<string, string> = { new: '新建', assigned: '处理中', resolved: '已解决' };

export class TicketEchoHandler implements ChatInboundHandler {
  readonly messages: IncomingChatMessage[] = [];
  readonly actions: IncomingCardAction[] = [];
  readonly tickets = new Map<string, Ticket>();
  readonly errors: unknown[] = [];
  private seq = 0;

  constructor(private readonly options: TicketEchoHandlerOptions) {}

  static outTrackIds(ref: string): { requester: string; contact: string } {
    return { requester: `${ref}-requester`, contact: `${ref}-contact` };
  }

  view(ticket: Ticket, notice?: { userId: string; text: string }): CardView {
    const contact = this.options.contactUserId;
    const privateActions: Record<string, CardAction[]> =
      ticket.status === 'new' ? { [contact]: [claim] } : ticket.status === 'assigned' && ticket.assignee ? { [ticket.assignee]: [resolve] } : {};
    return {
      ref: ticket.ref,
      status: ticket.status,
      statusLabel: LABELS[ticket.status] ?? ticket.status,
      title: ticket.title,
      lastMessage: `${ticket.ref} ${LABELS[ticket.status] ?? ticket.status}`,
      fields: [
        { label: 'Requester', value: ticket.requesterId },
        { label: 'Assignee', value: ticket.assignee ?? '—' },
        ...(ticket.solution ? [{ label: 'Solution', value: ticket.solution }] : []),
      ],
      publicActions: [],
      privateActions,
      ...(notice ? { privateNotice: { [notice.userId]: notice.text } } : {}),
    };
  }

  async onMessage(message: IncomingChatMessage): Promise<void> {
    this.messages.push(message);
    if (message.text === null) {
      if (message.sessionWebhook) {
        await this.options.api.replyBySessionWebhook(message.sessionWebhook, { msgtype: 'text', text: { content: 'I can only read text messages.' } });
      }
      return;
    }
    this.seq += 1;
    const ref = `R-${String(this.seq).padStart(6, '0')}`;
    const ticket: Ticket = { ref, title: message.text, requesterId: message.senderUserId, status: 'new' };
    this.tickets.set(ref, ticket);
    if (message.sessionWebhook) {
      await this.options.api.replyBySessionWebhook(message.sessionWebhook, {
        msgtype: 'text',
        text: { content: `${ref} received` },
        ...(message.conversationType === 'group' ? { at: { atUserIds: [message.senderUserId] } } : {}),
      });
    }
    const ids = TicketEchoHandler.outTrackIds(ref);
    const card = this.view(ticket);
    await this.options.gateway.deliverCard(ids.requester, [{ kind: 'dm', userId: message.senderUserId }], card);
    await this.options.gateway.deliverCard(ids.contact, [{ kind: 'dm', userId: this.options.contactUserId }], card);
  }

  async onCardAction(action: IncomingCardAction): Promise<CardActionAnswer> {
    this.actions.push(action);
    const ticket = this.tickets.get(action.params.ref ?? '');
    if (!ticket) return null;
    if (action.params.action === 'slow') {
      await new Promise((r) => setTimeout(r, this.options.slowMs ?? 1500));
      return { card: this.view(ticket, { userId: action.userId, text: 'slow answer' }), forUserId: action.userId };
    }
    if (action.params.action === 'ticket.claim' && ticket.status === 'new') {
      ticket.status = 'assigned';
      ticket.assignee = action.userId;
    } else if (action.params.action === 'ticket.resolve' && ticket.status === 'assigned') {
      ticket.status = 'resolved';
      ticket.solution = action.params.text ?? action.params.solution ?? '';
    } else {
      return { card: this.view(ticket, { userId: action.userId, text: `Already ${LABELS[ticket.status]}` }), forUserId: action.userId };
    }
    const view = this.view(ticket);
    // Other holders' cards: PUT after the ACK, never while handling the callback.
    setTimeout(() => {
      this.options.gateway.updateCard(TicketEchoHandler.outTrackIds(ticket.ref).requester, view).catch((err) => this.errors.push(err));
    }, 0);
    return { card: view, forUserId: action.userId };
  }
}
