/**
 * What `bench:chaos` counts at the end of a run, from the database rows and what the DingTalk emulator recorded.
 * Pure: the bench reads the rows and the emulator, this decides what is lost, missing or duplicated.
 *
 * Cards are matched by the ticket ref they name (the card's `ref` parameter, else the ref its `outTrackId` starts
 * with), not by the `outTrackId` scheme: a caller "has a card" when any card delivered to their direct chat names
 * the ticket's ref. This holds for one card per ticket and person (`R-000012-u-<userId>`) and for one card per
 * ticket (`outTrackId` = the ref) alike.
 */

/** A robot message the bench had the emulator push. */
export interface SentMessage {
  /** DingTalk's `msgId` (what the ticket records as `source_msg`). */
  msgId: string;
  /** The sender's DingTalk user id. */
  userId: string;
  /** The emulator pushed it to a connection (false: still held for want of one). */
  pushed: boolean;
  /** The ACKs it got: `ok` (code 200: stored in the inbox or spooled), `refused` (another code only), `none`. */
  ack: 'ok' | 'refused' | 'none';
}

export interface TicketRow {
  id: number;
  ref: string;
  sourceMsg: string;
}

/** A card as the emulator holds it. */
export interface EmulatorCard {
  outTrackId: string;
  /** The ticket ref it names, or null (a picker card). */
  ref: string | null;
  /** DingTalk user ids of the direct chats it was delivered to. */
  dmUserIds: string[];
  /** An escalation digest card (`status` `digest`): the refs it carries (its `fields`), else absent. */
  digestFields?: string;
}

/** A robot message (not a card) the bot sent to a person, as the emulator recorded it. */
export interface BotLine {
  userId: string;
  via: string;
  title: string;
  text: string;
}

export interface ThresholdRow {
  ticketId: number;
  level: string;
  status: string;
  dueAt: number;
}

export interface NoticeRow {
  ticketId: number;
  eventCode: string;
  userId: string | null;
  title: string;
}

export interface ChaosInput {
  messages: SentMessage[];
  tickets: TicketRow[];
  cards: EmulatorCard[];
  /** `ticket_cards.out_track_id` of every recorded card. */
  recordedCards: ReadonlySet<string>;
  lines: BotLine[];
  /** Tickets that must escalate (TTO) during the run, by id, and the latest due time that counts. */
  escalating: { ticketIds: number[]; dueBy: number };
  thresholds: ThresholdRow[];
  notices: NoticeRow[];
}

export interface ChaosCounts {
  messages: number;
  acknowledged: number;
  /** Acknowledged (stored or spooled) but no ticket. */
  lost: string[];
  /** Pushed, never acknowledged, no ticket. */
  lostInFlight: string[];
  /** Answered with an error code only, no ticket (not in the summary line's figures). */
  refused: string[];
  /** Never pushed (no live connection until the end), no ticket. */
  neverPushed: string[];
  duplicateTickets: number;
  ticketsMissingCards: string[];
  unrecordedCards: string[];
  escalationsMissed: string[];
  escalationsDuplicated: string[];
  duplicateAnswers: number;
  duplicateNotices: number;
  /** A few of each, for the report: `ref` answered twice; `person: title` sent twice. */
  examples: { duplicateAnswers: string[]; duplicateNotices: string[] };
}

/** The ticket ref a card names: its `ref` parameter, else the ref its `outTrackId` starts with. */
export function refOfCard(outTrackId: string, params: Record<string, string>): string | null {
  const ref = params.ref?.trim();
  if (ref) return ref;
  return /^([RI]-\d+)(?:$|-)/.exec(outTrackId)?.[1] ?? null;
}

const sumOver = (counts: Iterable<number>) => [...counts].reduce((s, n) => s + Math.max(0, n - 1), 0);

function tally<K>(keys: Iterable<K>): Map<K, number> {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

export function countChaos(input: ChaosInput): ChaosCounts {
  const ticketsByMsg = new Map<string, TicketRow[]>();
  for (const t of input.tickets) ticketsByMsg.set(t.sourceMsg, [...(ticketsByMsg.get(t.sourceMsg) ?? []), t]);

  const lost: string[] = [];
  const lostInFlight: string[] = [];
  const refused: string[] = [];
  const neverPushed: string[] = [];
  let duplicateTickets = 0;
  for (const m of input.messages) {
    const filed = ticketsByMsg.get(m.msgId) ?? [];
    duplicateTickets += Math.max(0, filed.length - 1);
    if (filed.length > 0) continue;
    if (m.ack === 'ok') lost.push(m.msgId);
    else if (m.ack === 'refused') refused.push(m.msgId);
    else if (m.pushed) lostInFlight.push(m.msgId);
    else neverPushed.push(m.msgId);
  }

  // Cards: who holds a card naming which ref; which cards the database does not know.
  const holders = new Map<string, Set<string>>();
  const cardsPerCallerRef = new Map<string, number>();
  const unrecordedCards: string[] = [];
  for (const c of input.cards) {
    if (c.ref === null) continue;
    const set = holders.get(c.ref) ?? new Set<string>();
    for (const u of c.dmUserIds) {
      set.add(u);
      cardsPerCallerRef.set(`${u}\n${c.ref}`, (cardsPerCallerRef.get(`${u}\n${c.ref}`) ?? 0) + 1);
    }
    holders.set(c.ref, set);
    if (!input.recordedCards.has(c.outTrackId)) unrecordedCards.push(c.outTrackId);
  }
  const linesTo = new Map<string, BotLine[]>();
  for (const l of input.lines) linesTo.set(l.userId, [...(linesTo.get(l.userId) ?? []), l]);

  const ticketsMissingCards: string[] = [];
  const answerExamples: string[] = [];
  let duplicateAnswers = 0;
  for (const m of input.messages) {
    for (const t of ticketsByMsg.get(m.msgId) ?? []) {
      if (!holders.get(t.ref)?.has(m.userId)) ticketsMissingCards.push(t.ref);
      // Answers to the caller naming the ticket: text answers, and distinct cards in their chat.
      const answers = (linesTo.get(m.userId) ?? []).filter((l) => l.via !== 'card' && `${l.title}\n${l.text}`.includes(t.ref)).length;
      const extra = Math.max(0, answers - 1) + Math.max(0, (cardsPerCallerRef.get(`${m.userId}\n${t.ref}`) ?? 0) - 1);
      if (extra > 0) answerExamples.push(t.ref);
      duplicateAnswers += extra;
    }
  }

  // Notices: the same robot message (person, title, text) delivered more than once.
  const sentNotices = tally(input.lines.filter((l) => l.via === 'batchSend' || l.via === 'groupSend').map((l) => `${l.userId}\n${l.title}\n${l.text}`));
  const duplicateNotices = sumOver(sentNotices.values());
  const noticeExamples = [...sentNotices].filter(([, n]) => n > 1).map(([k, n]) => `${k.split('\n').slice(0, 2).join(': ')} ×${n}`);

  // Escalations: each escalating ticket's TTO fired once, and its notice reached each recipient once (a text digest
  // lists several notices, each by its title; a digest card names the ref, its updates repeating it: one push).
  const escalationsMissed: string[] = [];
  const escalationsDuplicated: string[] = [];
  for (const id of input.escalating.ticketIds) {
    const rows = input.thresholds.filter((r) => r.ticketId === id && r.level === 'tto' && r.dueAt <= input.escalating.dueBy);
    const fired = rows.filter((r) => r.status === 'fired').length;
    const notices = input.notices.filter((n) => n.ticketId === id && n.eventCode === 'tto');
    if (fired === 0 || notices.length === 0) {
      escalationsMissed.push(`${id}: ${rows.length === 0 ? 'no due threshold' : fired === 0 ? 'not fired' : 'no notice'}`);
      continue;
    }
    if (fired > 1) escalationsDuplicated.push(`${id}: fired ${fired} times`);
    for (const n of notices) {
      const ref = input.tickets.find((t) => t.id === id)?.ref;
      const onCards = ref ? input.cards.filter((c) => c.digestFields?.includes(ref) && c.dmUserIds.includes(n.userId ?? '')).length : 0;
      const told = (linesTo.get(n.userId ?? '') ?? []).filter((l) => l.via !== 'card' && `${l.title}\n${l.text}`.includes(n.title)).length + onCards;
      if (told === 0) escalationsMissed.push(`${id}: notice to ${n.userId ?? '?'} not delivered`);
      else if (told > 1) escalationsDuplicated.push(`${id}: notice to ${n.userId ?? '?'} delivered ${told} times`);
    }
  }

  return {
    messages: input.messages.length,
    acknowledged: input.messages.filter((m) => m.ack === 'ok').length,
    lost,
    lostInFlight,
    refused,
    neverPushed,
    duplicateTickets,
    ticketsMissingCards,
    unrecordedCards,
    escalationsMissed,
    escalationsDuplicated,
    duplicateAnswers,
    duplicateNotices,
    examples: { duplicateAnswers: answerExamples, duplicateNotices: noticeExamples },
  };
}

/** The docs/interfaces.md summary line. */
export function chaosSummaryLine(c: ChaosCounts): string {
  return (
    `bench:chaos: ${c.messages} messages; lost ${c.lost.length}; lost in flight ${c.lostInFlight.length}; ` +
    `duplicate tickets ${c.duplicateTickets}; tickets missing cards ${c.ticketsMissingCards.length}; ` +
    `unrecorded cards ${c.unrecordedCards.length}; escalations missed ${c.escalationsMissed.length} ` +
    `duplicated ${c.escalationsDuplicated.length}; duplicate answers ${c.duplicateAnswers}; duplicate notices ${c.duplicateNotices}`
  );
}
