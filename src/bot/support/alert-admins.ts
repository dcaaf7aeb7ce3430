/**
 * Someone wrote to the bot who may not use it (unknown DingTalk account, inactive person, no filing profile,
 * organisation without a live contract): besides the sentence they get, every active administrator (profile
 * `administrator`) gets one direct message a day about that person, in the administrator's language, with the
 * DingTalk user id and nick so the account can be added. Remembered by the injected `AdminAlertMemory` port (deps.adminAlerts).
 */
import type { Directory } from '../../domain/directory/directory';
import { isAccessError } from '../../domain/errors/directory.errors';
import type { Log } from '../../domain/ports/log.port';
import type { DomainError } from '../../domain/shared/result';
import { localDate } from '../../domain/shared/local-date';
import { catalogFor, localeOf } from '../views/replies/catalogs';
import { fill, oneLine } from '../views/replies/plain-text';
import type { ChatLayerDeps } from '../chat-deps';

const NICK_MAX = 40;

export interface Stranger {
  userId: string;
  nick: string;
  error: DomainError;
}

export async function alertAdminsOnce(deps: ChatLayerDeps, dir: Directory, who: Stranger, log: Log): Promise<void> {
  const code = who.error.code;
  if (!isAccessError(code)) return;
  const day = dayIn(deps.clock.now(), dir.timezone);
  if (!deps.adminAlerts.firstToday(who.userId, day)) return;
  const admins = dir.data.people.filter(
    (p) => p.status === 'active' && p.dingtalkUserId && p.profiles.includes('administrator') && p.dingtalkUserId !== who.userId,
  );
  if (admins.length === 0) {
    log.warn('chat.admin_alert.no_administrator', { code: who.error.code });
    return;
  }
  const person = dir.personByUserId(who.userId);
  const orgCode = String(who.error.details?.org ?? person?.org ?? '');
  for (const admin of admins) {
    const c = catalogFor(localeOf(admin, deps.defaultLocale));
    const reason = fill(c.ops.accessReason[code], {
      person: person?.id ?? '',
      org: dir.org(orgCode)?.name ?? orgCode,
    });
    const text = fill(c.ops.adminAlert, { nick: oneLine(who.nick || '-', NICK_MAX, c.format.ellipsis), userId: who.userId, reason });
    try {
      const report = await deps.gateway.notifyUsers([admin.dingtalkUserId!], { title: c.ops.adminAlertTitle, text, markdown: false });
      if (report.failed.length > 0) log.warn('chat.admin_alert.not_delivered', { code: report.failed[0]!.code });
    } catch (e) {
      log.warn('chat.admin_alert.failed', { error: (e as Error).message });
    }
  }
  log.info('chat.admin_alert.sent', { code: who.error.code, admins: admins.length });
}

/** `YYYY-MM-DD` of `at` in `timeZone` (unknown zone → UTC). */
export function dayIn(at: Date, timeZone: string): string {
  try {
    return localDate(at, timeZone);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}
