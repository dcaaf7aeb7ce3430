/** HTML helpers of the page's server-rendered views: every value from data goes through `esc`. */
import { DateTime, IANAZone } from 'luxon';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;

export function esc(v: unknown): string {
  const s = String(v ?? '');
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ENTITIES[c]!) : s;
}

const HOUR_MS = 3_600_000;
const two = (n: number) => (n < 10 ? `0${n}` : String(n));
/** Per zone: the UTC offset (minutes) of each hour that has one offset throughout, else null (a transition in it). */
const hourOffsets = new Map<string, Map<number, number | null>>();

/**
 * The zone's offset at `ms`, from an hour's cache: an hour whose start and end have the same offset has it
 * throughout (zones change offset at most once in hours, never back within one); an hour with a transition in it,
 * or an unknown zone, answers null (the caller asks luxon for that instant). The offsets are luxon's zone data, as
 * everywhere (docs/portal.md "Ticket page": the history of a busy ticket formats hundreds of instants).
 */
function cachedOffset(zone: string, ms: number): number | null {
  let hours = hourOffsets.get(zone);
  if (!hours) {
    if (!IANAZone.isValidZone(zone)) return null;
    if (hourOffsets.size > 100) hourOffsets.clear();
    hours = new Map();
    hourOffsets.set(zone, hours);
  }
  const hour = Math.floor(ms / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const z = IANAZone.create(zone);
    const start = z.offset(hour * HOUR_MS);
    offset = start === z.offset((hour + 1) * HOUR_MS - 1) ? start : null;
    if (hours.size > 20_000) hours.clear();
    hours.set(hour, offset);
  }
  return offset;
}

/** An instant in the viewer's zone, `yyyy-MM-dd HH:mm`; '—' for none. */
export function when(d: Date | null | undefined, zone: string): string {
  if (!d) return '—';
  const ms = d.getTime();
  const offset = Number.isFinite(ms) ? cachedOffset(zone, ms) : null;
  if (offset === null) return DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
  const local = new Date(ms + offset * 60_000);
  const y = local.getUTCFullYear();
  if (y < 1000 || y > 9999) return DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
  return `${y}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}

/** Working seconds as `2h 05m` / `3d 4h`. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}m`;
}

/** The hidden CSRF field every write form carries (docs/portal.md "Session"). */
export function csrfField(token: string): string {
  return `<input type="hidden" name="_csrf" value="${esc(token)}">`;
}

export function options(values: ReadonlyArray<{ value: string; label: string }>, selected: string | undefined, anyLabel?: string): string {
  const any = anyLabel !== undefined ? `<option value="">${esc(anyLabel)}</option>` : '';
  return any + values.map((o) => `<option value="${esc(o.value)}"${o.value === selected ? ' selected' : ''}>${esc(o.label)}</option>`).join('');
}
