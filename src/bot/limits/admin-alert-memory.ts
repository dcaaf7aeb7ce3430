import { localDate } from '../../domain/shared/local-date';

/**
 * Who the administrators were already told about today: one alert per DingTalk user id and calendar day (in the
 * directory's time zone), remembered in this process only — a restart, or a second process, may send one more
 * alert that day. Good enough for a reminder; nothing is stored.
 */
export class AdminAlertMemory {
  private readonly lastDay = new Map<string, string>();

  /** True (and remembered) the first time `userId` is seen on `day`; false after. */
  firstToday(userId: string, day: string): boolean {
    if (this.lastDay.get(userId) === day) return false;
    this.lastDay.set(userId, day);
    return true;
  }
}

/** `YYYY-MM-DD` of `at` in `timeZone` (unknown zone → UTC). */
export function dayIn(at: Date, timeZone: string): string {
  try {
    return localDate(at, timeZone);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}
