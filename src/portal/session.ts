/**
 * The page's session (docs/portal.md "Session"): a cookie `itb_session` holding who signed in, until when, their
 * CSRF token and chosen language, signed with HMAC-SHA256 under SESSION_SECRET. Stateless: nothing is stored on
 * the server; a cookie whose signature or expiry fails is no session. The CSRF token is random per sign-in and
 * is compared in constant time.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Locale } from '../domain/shared/locale';

export const SESSION_COOKIE = 'itb_session';
export const SESSION_HOURS = 8;

export interface Session {
  person: string;
  csrf: string;
  /** Epoch ms. */
  expires: number;
  locale: Locale | null;
}

export class SessionCodec {
  constructor(private readonly secret: string) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  create(person: string, locale: Locale | null, now: number): Session {
    return { person, csrf: randomBytes(24).toString('base64url'), expires: now + SESSION_HOURS * 3600_000, locale };
  }

  encode(s: Session): string {
    const payload = Buffer.from(JSON.stringify({ p: s.person, c: s.csrf, e: s.expires, l: s.locale })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  decode(value: string | undefined, now: number): Session | null {
    if (!value) return null;
    const dot = value.indexOf('.');
    if (dot <= 0) return null;
    const payload = value.slice(0, dot);
    if (!sameText(value.slice(dot + 1), this.sign(payload))) return null;
    try {
      const j = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown; c?: unknown; e?: unknown; l?: unknown };
      if (typeof j.p !== 'string' || typeof j.c !== 'string' || typeof j.e !== 'number' || j.e <= now) return null;
      return { person: j.p, csrf: j.c, expires: j.e, locale: j.l === 'en' || j.l === 'zh-CN' ? j.l : null };
    } catch {
      return null;
    }
  }
}

export function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
