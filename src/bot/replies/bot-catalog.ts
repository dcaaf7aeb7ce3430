/**
 * The words the chat layer shows (replies, card labels, refusal sentences), one catalog per language
 * (`catalog.zh-CN.ts`, `catalog.en.ts`). Templates name their values in braces (`{ref}`, `{team}`); the code that
 * fills them holds no words. Kept consistent with the notice catalogs of the escalation layer (same terms), but
 * separate: the bot layer may not import from `src/escalation`.
 */
import type { TicketKind, TicketState } from '../../domain/tickets/ticket';

export type BotLocale = 'zh-CN' | 'en';

/** The buttons a ticket card may carry (see `cards/ticket-buttons.ts`). */
export const TICKET_BUTTON_IDS = ['claim', 'pend', 'resume', 'resolve', 'close', 'reopen', 'note'] as const;
export type TicketButtonId = (typeof TICKET_BUTTON_IDS)[number];

export interface BotCatalog {
  locale: BotLocale;
  kind: Record<TicketKind, string>;
  state: Record<TicketState, string>;
  priority: Record<1 | 2 | 3 | 4, string>;
  /** Names of actions (domain `details.action` values and card actions), for refusal sentences. */
  action: Record<string, string>;
  /** Names of input fields (domain `details.field` values), for "… is required". */
  field: Record<string, string>;
  /** Labels of the ticket card's rows. */
  label: {
    service: string;
    priority: string;
    caller: string;
    team: string;
    assignee: string;
    tto: string;
    ttr: string;
    sla: string;
    pendingReason: string;
    solution: string;
    /** The picker card's row holding the caller's text. */
    yourText: string;
  };
  value: {
    unassigned: string;
    noSla: string;
    /** TTR while the ticket is pending. */
    paused: string;
    /** `{service}`, `{subcategory}`. */
    serviceLine: string;
    /** A priority: `{name}` (its word), `{level}` (1–4). */
    priorityLine: string;
  };
  button: Record<TicketButtonId, { label: string; placeholder: string }>;
  card: {
    /** The conversation-list summary: `{ref}`, `{status}`. */
    lastMessage: string;
    pickerStatus: string;
    /** `{text}`: the caller's first line. */
    pickerLastMessage: string;
    /** One picker button: `{service}`, `{subcategory}`. */
    pickerButton: string;
  };
  /** One private line on a card, for the clicker only. */
  notice: {
    /** After a successful click: `{ref}`. */
    done: Record<TicketButtonId | 'assign' | 'reassign' | 'link', string>;
    /** A refused click: `{reason}` (an error sentence), `{ref}`, `{status}` (the current state). */
    refused: string;
    /** A pick that filed the request: `{ref}`. */
    picked: string;
    /** A second pick: `{ref}`. */
    alreadyFiled: string;
    pickerNotYours: string;
    pickerGone: string;
    pickIncomplete: string;
    unknownButton: string;
  };
  reply: {
    /** Generic message title (DingTalk shows it in the conversation list). */
    title: string;
    /** After filing: `{ref}` `{title}`. */
    filedTitle: string;
    /** After filing: `{ref}`, `{kind}`, `{service}`, `{team}`, `{tto}`, `{ttr}`. Must contain `{ref}`. */
    filed: string;
    /** The picker was sent: no or several services match. */
    pickerSent: string;
    unknownPerson: string;
    inactivePerson: string;
    noProfile: string;
    orgInactive: string;
    /** `{org}`. */
    noContract: string;
    noDirectory: string;
    noText: string;
    /** `{length}`, `{max}`. */
    tooLong: string;
    /** Multi-line help. */
    help: string;
    mineTitle: string;
    mineEmpty: string;
    queueTitle: string;
    queueEmpty: string;
    noTeam: string;
    /** One list line: `{ref}`, `{status}`, `{title}`, `{assignee}`. */
    listLine: string;
    /** `{count}` more not shown. */
    listMore: string;
    /** `{ref}`: the card was sent by direct message. */
    showSent: string;
    /** A request could not be filed: `{reason}`. */
    notFiled: string;
  };
  /** Sentences for domain error codes; values: `{ref}`, `{agent}`, `{state}`, `{field}`, `{max}`, `{action}`, `{service}`, `{org}`. */
  error: Record<string, string>;
  /** An error code without a sentence: `{code}`. */
  errorFallback: string;
  format: {
    /** A deadline: `{date}`, `{time}`, `{zone}` (the UTC offset, e.g. GMT+8). */
    deadline: string;
    ellipsis: string;
  };
}
