import type { AdminAlertMemory } from '../../domain/ports/admin-alert-memory.port';

/**
 * Who the administrators were already told about today: one alert per DingTalk user id and calendar day (in the
 * directory's time zone), remembered in this process only — a restart, or a second process, may send one more
 * alert that day. Good enough for a reminder; nothing is stored.
 */
export class InProcessAdminAlertMemory implements AdminAlertMemory {
  private readonly lastDay = new Map<string, string>();

  /** True (and remembered) the first time `userId` is seen on `day`; false after. */
  firstToday(userId: string, day: string): boolean {
    if (this.lastDay.get(userId) === day) return false;
    this.lastDay.set(userId, day);
    return true;
  }
}
