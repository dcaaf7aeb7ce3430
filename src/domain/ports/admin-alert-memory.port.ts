/**
 * Who the administrators were already told about (one alert per DingTalk user id and calendar day, the day in the
 * directory's time zone as `YYYY-MM-DD`). A reminder, not a record: an implementation may forget (a restart).
 */
export interface AdminAlertMemory {
  /** True (and remembered) the first time `userId` is seen on `day`; false after. */
  firstToday(userId: string, day: string): boolean;
}
