/**
 * The words the chat layer shows (replies, card labels, refusal sentences), one catalog per language
 * (`catalog.zh-CN.ts`, `catalog.en.ts`). Templates name their values in braces (`{ref}`, `{team}`); the code that
 * fills them holds no words. Kept consistent with the notice catalogs of the escalation layer (same terms), but
 * separate: the bot layer may not import from `src/escalation`.
 */
import type { DemandWords } from './demand-catalog';
import type { TicketButtonId } from '../../action-ids';
import type { AccessErrorCode } from '../../../domain/errors/directory.errors';
import type { ErrorCode } from '../../../domain/errors/error-codes';
import type { FaqWords } from './faq-words';
import type { ProblemWords } from './problem-words';
import type { CatalogFormat, LocaleWords } from '../../../domain/shared/catalog-format';
import type { ResolutionCode, TicketKind, TicketState } from '../../../domain/tickets/ticket';

/**
 * A text about a number of things, one template per plural form (`replies/plural.ts` picks it with
 * Intl.PluralRules): English `one` for 1, `other` for every other count; a language without plural forms
 * (Chinese) writes the same text twice. `{count}`.
 */
export interface PluralText {
  one: string;
  other: string;
}

export interface BotCatalog extends LocaleWords {
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
    /** A request linked to an incident: the row naming the incident (its ref). */
    incident: string;
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
    /** Many messages arrive at once: this one is stored and waits its turn (at most one per person a minute). */
    queued: string;
    /** Multi-line help. */
    help: string;
    mineTitle: string;
    mineEmpty: string;
    queueTitle: string;
    queueEmpty: string;
    noTeam: string;
    /** One list line: `{ref}`, `{status}`, `{title}`, `{assignee}`. */
    listLine: string;
    /** A listed request linked to an incident: `{line}` (its `listLine`, with its own `R-` ref), `{incident}`. */
    listLineInIncident: string;
    /** `{count}` more not shown. */
    listMore: string;
    /** `{ref}`: the card was sent by direct message. */
    showSent: string;
    /** A request could not be filed: `{reason}`. */
    notFiled: string;
  };
  /** Chat commands (the issue's shortcuts), the extra card buttons, limits and the administrators' alert. */
  ops: {
    /** The usage line of each command (a known verb with bad arguments), keyed by command name. */
    usage: Record<string, string>;
    /** `{ref}`, `{agent}` (a name). */
    assigned: string;
    /** `{ref}`, `{incident}`. */
    linked: string;
    /** `{ref}` (the new incident), `{refs}` (the requests linked to it). */
    merged: string;
    /** `{ref}`: an assign command without a target. */
    noTarget: string;
    /** `{name}`: nobody in the directory by that @, id or name. */
    targetUnknown: string;
    /** `{name}`: several people with that name. */
    targetAmbiguous: string;
    /** One assign button per eligible member: `{name}`. */
    assignButton: string;
    reassignButton: string;
    linkButton: { label: string; placeholder: string };
    /** The demand command's answer (docs/demands.md): `{ref}`, `{demand}`. */
    demandCreated: string;
    /** The caller's Urgent button on their new request (`ticket.urgent`). */
    urgentButton: string;
    /** After Urgent: one line, `{ref}`, `{priority}` (a `value.priorityLine`), `{tto}`, `{ttr}` (deadlines or `value.noSla`). */
    urgentDone: string;
    /** The close buttons, one per satisfaction 1 (very satisfied) … 4 (very dissatisfied). */
    closeButton: Record<'1' | '2' | '3' | '4', string>;
    /** The administrators' DM about someone who cannot use the bot. */
    adminAlertTitle: string;
    /** `{nick}`, `{userId}` (DingTalk), `{reason}` (an `accessReason`). */
    adminAlert: string;
    /** Why, per error code: `{person}` (directory id), `{org}` (a name). */
    accessReason: Record<AccessErrorCode, string>;
  };
  /** Likely duplicates (intake) and the impact of an incident. */
  duplicate: {
    /** The caller's private line on their new request's card: `{ref}` (the incident or request), `{people}` (a `count.people`). */
    suggestion: string;
    /** Button `intake.join`: "yes, the same problem". */
    join: string;
    /** Button `intake.new`: "no, a new problem". */
    dismiss: string;
    /** Button `ticket.make_incident` on a request recorded as similar: `{count}` requests. */
    makeIncident: string;
    /** The incident card's row: label, and `{requests}`, `{people}` (a `count.requests`, a `count.people`). */
    affectsLabel: string;
    /** FAQ (issue 14): the card row naming the FAQ entry the caller saw before filing; `{faq}` its ref. */
    faqSeenLabel: string;
    faqSeen: string;
    affects: string;
    /** After `intake.join` with an incident: `{ref}` (the request), `{incident}`. */
    joined: string;
    /** After `intake.join` with a request: `{ref}`, `{other}`. */
    markedSimilar: string;
    /** After `intake.new`: `{ref}`. */
    dismissed: string;
    /** After `ticket.make_incident`: `{incident}`, `{requests}` (a `count.requests`). */
    incidentMade: string;
    /** Button `intake.unjoin` on an incident's card, for the callers of its joined requests. */
    unjoin: string;
    /** After `intake.unjoin`: `{ref}` (the request, now on its own), `{incident}`. */
    unjoined: string;
    /** A joined caller's private line on the incident's card: `{refs}` (their own requests in it). */
    joinedLine: string;
  };
  /** Counted nouns that fill `{people}` and `{requests}` in the texts above, singular or plural (`replies/plural.ts`). */
  count: {
    people: PluralText;
    requests: PluralText;
  };
  /** The card Form of the multi-field actions (resolve, close; docs/dingtalk-cards.md §2.5): field labels and lines. */
  form: {
    solution: { label: string; placeholder: string };
    resolutionCode: { label: string; placeholder: string };
    /** The SELECT's options, one per domain resolution code. */
    resolutionCodes: Record<ResolutionCode, string>;
    satisfaction: { label: string; placeholder: string };
    /** The SELECT's options: 1 very satisfied … 4 very dissatisfied. */
    satisfactions: Record<'1' | '2' | '3' | '4', string>;
    comment: { label: string; placeholder: string };
    /** The clicker's line when the Form opens: `{ref}`. */
    opened: { resolve: string; close: string };
  };
  /** Sentences for domain error codes; values: `{ref}`, `{agent}`, `{state}`, `{field}`, `{max}`, `{action}`, `{service}`, `{org}`. */
  error: Record<ErrorCode, string>;
  /** An error code without a sentence (a code from outside the typed union, e.g. a cast or a newer version): `{code}`. */
  errorFallback: string;
  /** How a deadline is written and what text cut short ends with (shared with the notices). */
  format: CatalogFormat;
  /** A first week's words (docs/interfaces.md "Chat additions"): per-role help, small talk, show, overdue, withdraw. */
  week: WeekWords;
  /** FAQ (issue 14): the FAQ card, drafts, search and statistics. */
  faq: FaqWords;
  /** Problems (issue 14): making, resolving, the card line and the workaround offered to agents. */
  problem: ProblemWords;
  /** The "+1 to D-…" offer on a request's card (docs/demands.md "Votes"; words in `demands.catalog.<locale>.ts`). */
  demandVote: DemandWords['vote'];
}

export interface WeekWords {
  /** Per-role help: the first line by whether the reader may file; the command lines by what they may do. */
  help: {
    intro: string;
    /** After the sentence saying why they cannot file: what they can still do. */
    introNoFiling: string;
    commands: string;
    common: string[];
    caller: string[];
    agent: string[];
    footer: string;
  };
  /** "我的工单" with nothing to list, to someone who cannot file. */
  mineEmptyNoFiling: string;
  /** A greeting, thanks or a typo of "help" (no picker). */
  greeting: string;
  thanks: string;
  /** The picker's last button and the line after it. */
  pickerDismiss: string;
  pickerDismissed: string;
  /** `我的工单` / `队列` typed in a group: the group's one line (`{title}`). */
  sentPrivately: string;
  /** `查看 R-…`: a new text message. `{ref}`, `{status}`, `{title}`, `{name}`, `{at}`, `{actor}`, `{action}`. */
  show: { head: string; assignee: string; field: string; history: string; historyLine: string; noHistory: string; link: string };
  /** History actions without a word in `action`. */
  historyAction: Record<string, string>;
  /** The ticket card's overdue row. */
  overdueLabel: string;
  overdue: { tto: string; ttr: string };
  /** `撤回 R-…` in chat: done line `{ref}`; usage. */
  withdrawn: string;
  withdrawUsage: string;
}
