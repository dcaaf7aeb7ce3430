/**
 * The demand card (docs/demands.md "The demand card"): one card instance per demand (`outTrackId` = `D-…`), in the
 * direct chats of the demand team's contacts, showing its title, description, caller, service, source requests and
 * votes, and its state; `cardParamMap.url` links the workbench page's demand pool when the page exists. No buttons
 * (the state buttons `demand.accept` / `demand.reject` / `demand.done` are not built). Pure: the demand as stored.
 */
import { formatDemandRef, type Demand } from '../../../domain/demands/demand';
import type { Directory } from '../../../domain/directory/directory';
import type { CardView } from '../../../domain/ports/chat-gateway.port';
import type { Locale } from '../../../domain/shared/locale';
import { demandWords } from '../replies/demand-words';
import { fill, neutralise, oneLine, truncate } from '../replies/plain-text';

const CUT = { title: 80, description: 1000, name: 60 } as const;
const ELLIPSIS = '…';

/** The demand card's `outTrackId`: the demand's ref (no ticket card id looks like it: `refOfCardId`). */
export function demandCardId(demandId: number): string {
  return formatDemandRef(demandId);
}

export function renderDemandCard(demand: Demand, dir: Directory | null, locale: Locale, pageBase?: string): CardView {
  const w = demandWords(locale);
  const ref = formatDemandRef(demand.id);
  const name = (text: string) => oneLine(text, CUT.name, ELLIPSIS);
  const vars: Record<string, string> = { demand: ref, votes: String(demand.votes), state: demand.state };
  if (pageBase) vars.url = `${pageBase.replace(/\/+$/, '')}/app/demands`;
  return {
    ref,
    status: demand.state,
    statusLabel: w.states[demand.state],
    title: oneLine(demand.title, CUT.title, ELLIPSIS),
    lastMessage: fill(w.card.lastMessage, { demand: ref, votes: demand.votes }),
    fields: [
      { label: w.card.description, value: truncate(neutralise(demand.description), CUT.description, ELLIPSIS) },
      { label: w.card.caller, value: name(dir?.person(demand.caller)?.name ?? demand.caller) },
      { label: w.card.service, value: name(dir?.service(demand.service)?.name ?? demand.service) },
      { label: w.card.sources, value: demand.sourceRefs.join(', ') },
      { label: w.card.votes, value: String(demand.votes) },
    ],
    publicActions: [],
    privateActions: {},
    vars,
  };
}
