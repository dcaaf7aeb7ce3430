/** HTML helpers of the page's server-rendered views: every value from data goes through `esc`. */
import { DateTime } from 'luxon';

export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An instant in the viewer's zone, `yyyy-MM-dd HH:mm`; '—' for none. */
export function when(d: Date | null | undefined, zone: string): string {
  if (!d) return '—';
  return DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
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
