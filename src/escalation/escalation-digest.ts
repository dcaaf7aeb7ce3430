/**
 * Escalation notices (threshold events: TTO, TTR-1…3) to one person within `ESCALATION_DIGEST_MS` go on one
 * updating digest card (docs/interfaces.md "Delivery semantics", docs/domain.md §4), so a lead is not pushed 300
 * times in a minute when many tickets escalate together, yet each ref reaches them within about a second:
 *
 * - The first escalation to a person opens a window and is delivered AT ONCE as a new digest card (one card instance
 *   per person and window, `outTrackId` `digest:<userId>:<windowStart>`): the lead's one push of the window.
 * - Later escalations within the window are added to that card by an update (`DIGEST_UPDATE_MS` apart at most once,
 *   so 10 escalations a second to one lead cost about one PUT a second); a notice row is marked sent when the card
 *   (create or update) carrying its ref was sent.
 * - A window also ends when its card is full (`DIGEST_FIELDS_MAX_BYTES`, DingTalk's 1 KB per value,
 *   docs/dingtalk-cards.md §2.1): the next escalation opens a new window and card.
 * - A card that cannot be sent (no template, a permanent card API failure, a failed update) falls back to text: the
 *   notices it carried go at once as one message (`renderDigest`; a single one as it is) and the rest of the window
 *   waits for its end and goes as one text message, as before the card.
 *
 * This class is the window bookkeeping only (no I/O; `now` is passed in); `NoticeDeliverer` sends what it hands out.
 * Windows are per process: two processes claiming escalations to one lead in one window each have their card
 * (each ref still on exactly one of them; docs/interfaces.md "Delivery semantics").
 */
import { ESCALATION_LEVELS, isEscalationLevel, type EscalationLevel } from '../domain/notifications/event-codes';
import type { CardField, CardView, ChatMessage } from '../domain/ports/chat-gateway.port';
import type { Notice } from '../domain/ports/notice-store.port';
import { LOCALES, type Locale } from '../domain/shared/locale';
import { fill } from './notices/plain-text';
import { NOTICE_CATALOGS } from './notices/render-notice';
import type { NoticeCatalog } from './notices/notice-catalog';

export const ESCALATION_DIGEST_MS = 10_000;
/** At most one card update per digest card in this time (docs/interfaces.md "Delivery semantics"). */
export const DIGEST_UPDATE_MS = 1_000;
/** The card's `fields` value stays under DingTalk's 1 KB per value (docs/dingtalk-cards.md §2.1). */
export const DIGEST_FIELDS_MAX_BYTES = 1_000;
/** The digest card's `status` (a state code for the template's conditions; not a ticket state). */
export const DIGEST_CARD_STATUS = 'digest';

export function isEscalationNotice(n: Pick<Notice, 'eventCode'>): boolean {
  return isEscalationLevel(n.eventCode);
}

export interface DigestWindow {
  readonly userId: string;
  readonly locale: string;
  readonly outTrackId: string;
  readonly openedAt: number;
  readonly endsAt: number;
  /** Sent on the card (or, in text mode, sent as text). */
  readonly sent: Notice[];
  /** Claimed, not yet sent. */
  waiting: Notice[];
  /** The card was created (delivered): later notices go by update. */
  created: boolean;
  /** When the last card call of this window was sent (0 = none). */
  lastSentAt: number;
  /** `text` after the card could not be sent: the rest of the window goes as one text message at its end. */
  mode: 'card' | 'text';
  /** Full or ended: no notice joins it any more. */
  closed: boolean;
}

/** What the deliverer must send now for one window. */
export type DigestSend =
  | { kind: 'create'; window: DigestWindow; notices: Notice[] }
  | { kind: 'update'; window: DigestWindow; notices: Notice[] }
  | { kind: 'text'; window: DigestWindow; notices: Notice[] };

export class EscalationDigest {
  /** Per recipient (DingTalk user id and language): its windows, the open one last. */
  private readonly windows = new Map<string, DigestWindow[]>();

  constructor(
    private readonly windowMs: number = ESCALATION_DIGEST_MS,
    private readonly updateMs: number = DIGEST_UPDATE_MS,
  ) {}

  /** Add a claimed escalation notice to its recipient's open window (opening one when none is open or it is full). */
  hold(notice: Notice, now: number): void {
    const userId = notice.userId ?? '';
    const locale = notice.locale ?? '';
    const key = `${userId}\u0000${locale}`;
    const list = this.windows.get(key) ?? [];
    this.windows.set(key, list);
    if (list.some((w) => w.waiting.some((n) => n.id === notice.id))) return;
    let open = list.at(-1);
    if (open && (open.endsAt <= now || (open.mode === 'card' && !fitsOnCard([...open.sent, ...open.waiting, notice])))) open.closed = true;
    if (!open || open.closed) {
      // A full card's successor may open in the same millisecond: its id must still be new.
      const id = `digest:${userId}:${now}`;
      const outTrackId = list.some((w) => w.outTrackId === id) ? `${id}-${list.length}` : id;
      open = { userId, locale, outTrackId, openedAt: now, endsAt: now + this.windowMs, sent: [], waiting: [], created: false, lastSentAt: 0, mode: 'card', closed: false };
      list.push(open);
    }
    open.waiting.push(notice);
  }

  /**
   * What to send now, at most one send per window, its notices taken out of `waiting` (report each to `sent` or
   * `fellBack`; a send that failed and will be retried needs no report: claimed again after their backoff, its
   * notices rejoin). A window never created is created at once; an update waits `updateMs` after the last
   * card call of its window; text waits for the window's end. Ended windows with nothing left are forgotten.
   */
  takeDue(now: number): DigestSend[] {
    const sends: DigestSend[] = [];
    for (const [key, list] of this.windows) {
      for (const w of list) {
        if (w.endsAt <= now) w.closed = true;
        if (w.waiting.length === 0) continue;
        const kind = w.mode === 'text' ? 'text' : w.created ? 'update' : 'create';
        const due = kind === 'create' || (kind === 'update' ? w.lastSentAt + this.updateMs <= now : w.closed);
        if (!due) continue;
        sends.push({ kind, window: w, notices: w.waiting });
        w.waiting = [];
      }
      const left = list.filter((w) => !w.closed || w.waiting.length > 0);
      if (left.length > 0) this.windows.set(key, left);
      else this.windows.delete(key);
    }
    return sends;
  }

  /** The send went: its notices are on the card (or were sent as text). */
  sent(send: DigestSend, now: number): void {
    send.window.sent.push(...send.notices);
    if (send.kind === 'create') send.window.created = true;
    send.window.lastSentAt = now;
  }

  /** The card could not be sent: the notices go as text now (the caller sends them), the rest of the window at its end. */
  fellBack(send: DigestSend): void {
    send.window.mode = 'text';
  }

  /** Milliseconds until the next send falls due (an update or a text window's end), or null when none waits. */
  nextDueIn(now: number): number | null {
    let next: number | null = null;
    for (const list of this.windows.values()) {
      for (const w of list) {
        if (w.waiting.length === 0) continue;
        const at = w.mode === 'text' ? w.endsAt : w.created ? w.lastSentAt + this.updateMs : now;
        const inMs = Math.max(0, at - now);
        next = next === null ? inMs : Math.min(next, inMs);
      }
    }
    return next;
  }

  get held(): number {
    let n = 0;
    for (const list of this.windows.values()) for (const w of list) n += w.waiting.length;
    return n;
  }
}

function catalogOf(locale: string | null | undefined): NoticeCatalog {
  return NOTICE_CATALOGS[(LOCALES as readonly string[]).includes(locale ?? '') ? (locale as Locale) : 'zh-CN'];
}

/**
 * The digest card's rows: one per escalation level, in ladder order, its label the level in the recipient's words
 * (the notices' own), its value the refs that reached it, in the order they came.
 */
export function digestRows(notices: readonly Notice[]): CardField[] {
  const c = catalogOf(notices[0]?.locale);
  const byLevel = new Map<EscalationLevel, string[]>();
  for (const n of notices) {
    if (!isEscalationLevel(n.eventCode)) continue;
    const refs = byLevel.get(n.eventCode) ?? [];
    if (!refs.includes(n.ref)) refs.push(n.ref);
    byLevel.set(n.eventCode, refs);
  }
  return ESCALATION_LEVELS.filter((l) => byLevel.has(l)).map((l) => ({ label: c.level[l], value: byLevel.get(l)!.join(', ') }));
}

/** Whether these notices' rows fit in one card value (docs/dingtalk-cards.md §2.1). */
export function fitsOnCard(notices: readonly Notice[]): boolean {
  return new TextEncoder().encode(JSON.stringify(renderDigestCard(notices).fields)).length <= DIGEST_FIELDS_MAX_BYTES;
}

/** The digest card of a window (every ref it carries), in the recipient's language. No buttons, no link. */
export function renderDigestCard(notices: readonly Notice[]): CardView {
  const c = catalogOf(notices[0]?.locale);
  const count = String(notices.length);
  const title = notices.length === 1 ? fill(c.digest.titleOne, { ref: notices[0]!.ref }) : fill(c.digest.title, { count });
  const refs = notices.map((n) => n.ref);
  return {
    ref: '',
    status: DIGEST_CARD_STATUS,
    statusLabel: c.digest.label,
    title,
    lastMessage: fill(c.digest.summary, { refs: refs.slice(0, 5).join(' ') + (refs.length > 5 ? ' …' : '') }),
    fields: [...digestRows(notices), { label: '', value: c.digest.hint }],
    publicActions: [],
    privateActions: {},
  };
}

/** One message for several escalation notices to one person, in their language (the text fallback). */
export function renderDigest(notices: readonly Notice[]): ChatMessage {
  const c = catalogOf(notices[0]?.locale);
  const count = String(notices.length);
  const lines = [fill(c.digest.lead, { count }), ...notices.map((n) => fill(c.digest.item, { title: n.title })), '', c.digest.hint];
  return { title: fill(c.digest.title, { count }), text: lines.join('\n') };
}
