/**
 * The directory (docs/domain.md §2, docs/directory-format.md): organisations, people, teams, services, SLAs, contracts,
 * delivery models and calendars, as the domain sees them. Plain data; `Directory` indexes it.
 */
import type { Locale } from '../shared/locale';

export const PROFILES = [
  'portal_user',
  'portal_power_user',
  'service_desk_agent',
  'support_agent',
  'problem_manager',
  'service_manager',
  'administrator',
] as const;
export type Profile = (typeof PROFILES)[number];

/** iTop profiles accepted with a warning; they grant nothing yet. */
export const INERT_PROFILES = [
  'configuration_manager',
  'change_implementor',
  'change_supervisor',
  'change_approver',
  'document_author',
] as const;
export type InertProfile = (typeof INERT_PROFILES)[number];

export type ActiveStatus = 'active' | 'inactive';
export type RequestType = 'service_request' | 'incident';
/** What an SLT row applies to: a subcategory's request type, or problems (`P-`, docs/domain.md §9; never `"*"`). */
export type SltRequestType = RequestType | 'problem';
export type TeamRole = 'lead' | 'contact' | 'member';
export type ContractStatus = 'production' | 'implementation' | 'obsolete';
export type ServiceStatus = 'production' | 'obsolete';
export type SlaMetric = 'tto' | 'ttr';
export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days';
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Organization {
  code: string;
  name: string;
  parent: string | null;
  lead: string | null;
  deliveryModel: string | null;
  status: ActiveStatus;
  /** The DingTalk department mapped to this organisation (staff sync, docs/directory-format.md); absent when none. */
  dingtalkDeptId?: string;
}

export interface Person {
  id: string;
  name: string;
  org: string;
  dingtalkUserId: string | null;
  mobile: string | null;
  email: string | null;
  status: ActiveStatus;
  profiles: Array<Profile | InertProfile>;
  timezone: string | null;
  locale: Locale | null;
}

export interface TeamMember {
  person: string;
  role: TeamRole;
}

export interface Team {
  code: string;
  name: string;
  org: string;
  parent: string | null;
  members: TeamMember[];
  status: ActiveStatus;
}

export interface ServiceFamily {
  code: string;
  name: string;
  status: ActiveStatus;
}

export interface Subcategory {
  code: string;
  name: string;
  requestType: RequestType;
  keywords: string[];
  status: ServiceStatus;
}

export interface Service {
  code: string;
  name: string;
  family: string;
  provider: string;
  team: string;
  status: ServiceStatus;
  subcategories: Subcategory[];
}

export interface SlaTarget {
  metric: SlaMetric;
  priority: 1 | 2 | 3 | 4;
  requestType: SltRequestType | '*';
  value: number;
  unit: DurationUnit;
}

export interface Sla {
  code: string;
  name: string;
  calendar: string;
  targets: SlaTarget[];
  status: ActiveStatus;
}

export interface Contract {
  code: string;
  customer: string;
  provider: string;
  services: string[];
  sla: string;
  status: ContractStatus;
  /** Inclusive dates `YYYY-MM-DD` in the directory's time zone. */
  start: string;
  end: string;
  /** The contract also covers every descendant of `customer`, present and future; absent when it does not. */
  includeDescendants?: true;
}

export interface DeliveryModel {
  code: string;
  name: string;
  teams: string[];
  status: ActiveStatus;
}

/** `HH:MM-HH:MM` intervals as minutes from midnight, `[start, end)`, end may be 1440. */
export type DayIntervals = Array<[number, number]>;

export interface HolidayEntry {
  date: string; // YYYY-MM-DD
  name: string;
  /** true: a make-up working day (调休); false: a day off. */
  workday: boolean;
}

export interface Calendar {
  code: string;
  name: string;
  /** null = 24×7. Otherwise every weekday present; a day with no hours is `[]`. */
  hours: Record<Weekday, DayIntervals> | null;
  /** Use mainland China's statutory holidays and make-up working days. */
  cnHolidays: boolean;
  /** Explicit entries; they win over the CN data for the same date. */
  holidays: HolidayEntry[];
  /** IANA zone; null = the directory's zone. */
  timezone: string | null;
  status: ActiveStatus;
}

export interface DirectoryData {
  timezone: string;
  calendars: Calendar[];
  organizations: Organization[];
  people: Person[];
  teams: Team[];
  serviceFamilies: ServiceFamily[];
  services: Service[];
  slas: Sla[];
  contracts: Contract[];
  deliveryModels: DeliveryModel[];
}
