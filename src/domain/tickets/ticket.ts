/**
 * The ticket (docs/domain.md §3): requests (`R-`), incidents (`I-`) and problems (`P-`, docs/domain.md §9) share
 * one table and one reference counter.
 */
import type { RequestType } from '../directory/directory.types';
import type { Stopwatch } from './stopwatch';

export type TicketKind = 'request' | 'incident' | 'problem';

export const TICKET_STATES = [
  'new',
  'escalated_tto',
  'assigned',
  'escalated_ttr',
  'pending',
  'resolved',
  'closed',
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const OPEN_STATES: readonly TicketState[] = ['new', 'escalated_tto', 'assigned', 'escalated_ttr', 'pending'];

export const RESOLUTION_CODES = [
  'assistance',
  'bug_fixed',
  'hardware_repair',
  'other',
  'software_patch',
  'system_update',
  'training',
] as const;
/**
 * Resolution codes only the system sets, never offered on the resolve form (docs/domain.md §3.1, §8): `incident` (a
 * child resolved with its incident), `cancelled` (withdrawn by its caller), `faq` (answered by an FAQ entry), `converted_to_demand` (became a demand, docs/demands.md).
 */
export const SYSTEM_RESOLUTION_CODES = ['incident', 'cancelled', 'faq', 'converted_to_demand'] as const;
export type SystemResolutionCode = (typeof SYSTEM_RESOLUTION_CODES)[number];
export type ResolutionCode = (typeof RESOLUTION_CODES)[number] | SystemResolutionCode;

/** Where a change came from (history rows and `origin`). */
export type EntryPoint = 'chat' | 'card' | 'api' | 'cli' | 'escalation' | 'system' | 'portal';

export type Level1to4 = 1 | 2 | 3 | 4;
export type Impact = 1 | 2 | 3;

export interface LogEntry {
  at: Date;
  author: string; // person id, or 'system'
  text: string;
  visibility: 'public' | 'private';
}

export interface Ticket {
  /** Database id: the shared counter both `R-` and `I-` refs are built from; 0 before the first save. */
  id: number;
  kind: TicketKind;
  title: string;
  description: string;
  caller: string;
  org: string;
  service: string;
  subcategory: string;
  requestType: RequestType;
  impact: Impact;
  urgency: Level1to4;
  priority: Level1to4;
  origin: EntryPoint;
  /**
   * The DingTalk message id a request was filed from (chat intake), else null. At most one ticket per message: a
   * second filing of the same message is refused (`TICKET.ALREADY_FILED`). Set once when opened; never changes.
   */
  sourceMsg: string | null;
  status: TicketState;
  /** The pool (service's team) while unassigned; the assigned team afterwards. */
  team: string;
  agent: string | null;
  parent: number | null;
  pendingReason: string | null;
  solution: string | null;
  resolutionCode: ResolutionCode | SystemResolutionCode | null;
  satisfaction: Level1to4 | null;
  satisfactionComment: string | null;
  /** The contract and SLA that applied when the SLT was looked up; null = no SLA. */
  contract: string | null;
  sla: string | null;
  tto: Stopwatch;
  ttr: Stopwatch;
  /** Bumped whenever a deadline changes (escalation job ids carry it). */
  deadlineVersion: number;
  /** Leads told about this ticket by an escalation: they may assign it (docs/domain.md §1). */
  notifiedLeads: string[];
  createdAt: Date;
  assignedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  lastUpdate: Date;
  /** Optimistic concurrency: every save checks and bumps it. */
  version: number;
  // Problems (docs/domain.md §9)
  /** Requests and incidents: the id of their problem (`P-`), at most one; null/absent = none. */
  problem?: number | null;
  /** Problems: the root cause and the workaround recorded at resolution (the fix goes in `solution`). */
  rootCause?: string | null;
  workaround?: string | null;
}

export const REF_WIDTH = 6;

const REF_PREFIX: Readonly<Record<TicketKind, string>> = { request: 'R', incident: 'I', problem: 'P' };
const KIND_OF_PREFIX: Readonly<Record<string, TicketKind>> = { R: 'request', I: 'incident', P: 'problem' };

export function formatRef(kind: TicketKind, id: number): string {
  return `${REF_PREFIX[kind]}-${String(id).padStart(REF_WIDTH, '0')}`;
}

export function refOf(t: Pick<Ticket, 'kind' | 'id'>): string {
  return formatRef(t.kind, t.id);
}

/** `R-000012` / `r-12` / `I-7` / `P-3` → kind and id; anything else → null. */
export function parseRef(ref: string): { kind: TicketKind; id: number } | null {
  const m = /^\s*([RrIiPp])-?(\d{1,12})\s*$/.exec(ref);
  if (!m) return null;
  const id = Number(m[2]);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return { kind: KIND_OF_PREFIX[m[1]!.toUpperCase()]!, id };
}

export function isOpen(state: TicketState): boolean {
  return OPEN_STATES.includes(state);
}

export const TITLE_MAX = 255;
export const DESCRIPTION_MAX = 10_000;
export const LOG_MAX = 10_000;
