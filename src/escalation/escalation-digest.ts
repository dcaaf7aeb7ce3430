/**
 * Escalation notices (threshold events: TTO, TTR-1…3) to one person within `ESCALATION_DIGEST_MS` are merged into
 * one message listing them, so a lead is not pushed 300 times in a minute when many tickets escalate together. The
 * first escalation to a person opens a window; the ones that come within it wait with it; when it ends they go as
 * one message (one alone goes as it is). Every ref still appears (each item is that notice's title, which starts
 * with its ref) and each notice row still ends sent or failed on its own. Held notices keep their lease (longer than
 * the window), so a process that dies while holding them leaves them to be claimed again.
 */
import { isEscalationLevel } from '../domain/notifications/event-codes';
import type { ChatMessage } from '../domain/ports/chat-gateway.port';
import type { Notice } from '../domain/ports/notice-store.port';
import { LOCALES, type Locale } from '../domain/shared/locale';
import { fill } from './notices/plain-text';
import { NOTICE_CATALOGS } from './notices/render-notice';

export const ESCALATION_DIGEST_MS = 10_000;

export function isEscalationNotice(n: Pick<Notice, 'eventCode'>): boolean {
  return isEscalationLevel(n.eventCode);
}

interface Window {
  endsAt: number;
  notices: Notice[];
}

export class EscalationDigest {
  /** Per recipient (DingTalk user id and language). */
  private readonly windows = new Map<string, Window>();

  constructor(private readonly windowMs: number = ESCALATION_DIGEST_MS) {}

  hold(notice: Notice, now: number): void {
    const key = `${notice.userId ?? ''}\u0000${notice.locale ?? ''}`;
    const w = this.windows.get(key) ?? { endsAt: now + this.windowMs, notices: [] };
    if (!w.notices.some((n) => n.id === notice.id)) w.notices.push(notice);
    this.windows.set(key, w);
  }

  /** The held notices whose window has ended, one list per recipient. */
  takeDue(now: number): Notice[][] {
    const due: Notice[][] = [];
    for (const [key, w] of this.windows) {
      if (w.endsAt <= now) {
        due.push(w.notices);
        this.windows.delete(key);
      }
    }
    return due;
  }

  get held(): number {
    let n = 0;
    for (const w of this.windows.values()) n += w.notices.length;
    return n;
  }
}

/** One message for several escalation notices to one person, in their language. */
export function renderDigest(notices: readonly Notice[]): ChatMessage {
  const locale = notices[0]?.locale ?? '';
  const c = NOTICE_CATALOGS[(LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'zh-CN'];
  const count = String(notices.length);
  const lines = [fill(c.digest.lead, { count }), ...notices.map((n) => fill(c.digest.item, { title: n.title })), '', c.digest.hint];
  return { title: fill(c.digest.title, { count }), text: lines.join('\n') };
}
