/**
 * The words of trigger-table notices, one catalog per language (`catalog.en.ts`, `catalog.zh-CN.ts`).
 * Templates name their values in braces (`{ref}`, `{actor}`); `render-notice.ts` fills them and holds no words.
 * A template never starts with a value other than `{ref}`, so that no user-written text begins a line
 * (where Markdown would read `#` or `>` as markup).
 */
import type { EscalationLevel, EventCode } from '../../domain/notifications/event-codes';
import type { CatalogFormat, LocaleWords } from '../../domain/shared/catalog-format';
import type { TicketKind } from '../../domain/tickets/ticket';

export interface EventWords {
  /** The message title (DingTalk shows it in the conversation list): `{ref}`, `{kind}`, `{level}`. */
  title: string;
  /**
   * The first line: `{ref}`, `{kind}`, `{service}`, `{actor}`, `{assignee}`, `{level}`, `{note}` (quoted).
   */
  lead: string;
  /** An optional last line telling the reader what to do next. */
  hint?: string;
}

export interface NoticeCatalog extends LocaleWords {
  kind: Record<TicketKind, string>;
  /** The name of each escalation threshold, e.g. "TTR-2 (time to resolve exceeded)". */
  level: Record<EscalationLevel, string>;
  event: Record<EventCode, EventWords>;
  label: {
    title: string;
    service: string;
    filedBy: string;
    reason: string;
    solution: string;
    note: string;
    satisfaction: string;
    comment: string;
    /** The deadline line of each escalation notice. */
    deadline: Record<EscalationLevel, string>;
  };
  fallback: {
    /** An actor or assignee whose name is not known. */
    someone: string;
    /** A reason or solution that was not given. */
    notGiven: string;
    /** An escalation without a recorded deadline. */
    noDeadline: string;
  };
  /**
   * Escalation notices to one person within a few seconds, merged into one message (`escalation-digest.ts`):
   * the title and first line take `{count}`; then one `item` line per escalation, `{title}` being that notice's own
   * title (it starts with its ref, so every ref appears). The digest card (`renderDigestCard`): `titleOne` its
   * title while it carries one ref (`{ref}`), else `title`; `label` its tag; `summary` the chat list's preview
   * (`{refs}`); `hint` its last row.
   */
  digest: {
    title: string;
    titleOne: string;
    label: string;
    summary: string;
    lead: string;
    item: string;
    hint: string;
  };
  /** Satisfaction 1 (best) … 4 (worst), by its name: a bare number reads as a score. */
  satisfactions: Record<'1' | '2' | '3' | '4', string>;
  /** Besides the shared deadline and ellipsis: */
  format: CatalogFormat & {
    /** One field line: `{label}`, `{value}`. */
    field: string;
    /** A quoted note: `{text}`. */
    quote: string;
    /** Satisfaction: `{label}` (its name). */
    satisfaction: string;
  };
  /**
   * The `resolved` notice of a request resolved `converted_to_demand` (docs/demands.md "Converting a request"):
   * `{ref}`, `{demand}` (the demand's `D-…`, the ticket's solution).
   */
  convertedToDemand: EventWords;
}
