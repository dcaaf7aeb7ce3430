/**
 * Problems on cards (docs/domain.md §9): a request or incident linked to a problem shows "问题 P-… / Problem P-…";
 * a problem shows its root cause and workaround once recorded.
 */
import type { CardField } from '../../../domain/ports/chat-gateway.port';
import { formatRef, type Ticket } from '../../../domain/tickets/ticket';
import type { BotCatalog } from '../replies/bot-catalog';

export function problemFields(t: Ticket, c: BotCatalog, text: (s: string) => string): CardField[] {
  const w = c.problem;
  if (t.kind !== 'problem') return t.problem ? [{ label: w.label, value: formatRef('problem', t.problem) }] : [];
  return [
    ...(t.rootCause ? [{ label: w.rootCauseLabel, value: text(t.rootCause) }] : []),
    ...(t.workaround ? [{ label: w.workaroundLabel, value: text(t.workaround) }] : []),
  ];
}
