/**
 * A chat gateway that sends nothing and writes what it would have sent, one JSON line per call, to a stream: the
 * replay CLI's dry run ("what would the bot answer to this message?") and its output in the demo, where the
 * emulator that holds the people's chats runs in another process.
 */
import type { Writable } from 'node:stream';
import type { CardSpace, CardView, ChatGateway, ChatMessage, DeliveryReport } from '../../domain/ports/chat-gateway.port';

export class PrintingChatGateway implements ChatGateway {
  constructor(private readonly out: Writable) {}

  async notifyUsers(userIds: readonly string[], message: ChatMessage): Promise<DeliveryReport> {
    this.print({ call: 'notifyUsers', userIds, title: message.title, text: message.text });
    return { delivered: [...userIds], failed: [] };
  }

  async notifyGroup(conversationId: string, message: ChatMessage): Promise<DeliveryReport> {
    this.print({ call: 'notifyGroup', conversationId, title: message.title, text: message.text });
    return { delivered: [conversationId], failed: [] };
  }

  async deliverCard(outTrackId: string, spaces: readonly CardSpace[], card: CardView): Promise<DeliveryReport> {
    this.print({ call: 'deliverCard', outTrackId, spaces, ...summary(card) });
    return { delivered: spaces.map((s) => (s.kind === 'dm' ? s.userId : s.conversationId)), failed: [] };
  }

  async addCardSpaces(outTrackId: string, spaces: readonly CardSpace[]): Promise<DeliveryReport> {
    this.print({ call: 'addCardSpaces', outTrackId, spaces });
    return { delivered: spaces.map((s) => (s.kind === 'dm' ? s.userId : s.conversationId)), failed: [] };
  }

  async updateCard(outTrackId: string, card: CardView): Promise<void> {
    this.print({ call: 'updateCard', outTrackId, ...summary(card) });
  }

  async answerPrivately(userId: string, message: ChatMessage): Promise<void> {
    this.print({ call: 'answerPrivately', userId, title: message.title, text: message.text });
  }

  private print(line: Record<string, unknown>): void {
    this.out.write(`${JSON.stringify(line)}\n`);
  }
}

function summary(card: CardView): Record<string, unknown> {
  return {
    ref: card.ref,
    status: card.statusLabel,
    title: card.title,
    lastMessage: card.lastMessage,
    notices: card.privateNotice ?? {},
  };
}
