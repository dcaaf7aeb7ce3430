/**
 * The calendars `--calendar` may name (docs/itop-import.md): iTop's SLTs carry no working-time calendar, so every
 * SLA gets the one chosen; its definition is written into the produced file so that the file imports as it is.
 */
import type { DirectoryFile } from '../directory/directory-file.schema';

type CalendarEntry = NonNullable<DirectoryFile['calendars']>[number];

const WORKDAY = ['09:00-12:00', '13:30-18:00'];

export const ITOP_IMPORT_CALENDARS: Readonly<Record<string, CalendarEntry>> = {
  '24x7': { code: '24x7', name: '7×24' },
  'workdays-cn': {
    code: 'workdays-cn',
    name: '工作日 09:00-12:00, 13:30-18:00（中国法定节假日与调休）',
    hours: { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY },
    holidays: 'cn',
  },
};
