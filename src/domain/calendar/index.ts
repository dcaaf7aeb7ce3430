/** Working-time calendars (docs/domain.md §3.2): compile a directory calendar, then add and measure working time. */
export { compileCalendar, DEFAULT_TIMEZONE, type WorkingCalendar } from './compile-calendar';
export { addWorkingTime, workingTimeBetween, workingMsBetween, addWorkingMs, isWorkingInstant } from './working-time';
export { durationToSeconds } from './duration';
export { cnHolidayDataFromEntries, mergeCnHolidayData, type CnHolidayData } from './cn-holiday-data';
export { chineseDaysHolidays, cnHolidaysCoveredUntil } from './cn-holidays';
