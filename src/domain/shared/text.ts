/**
 * Text helpers shared by the chat replies and the notices: template filling, cutting to a length in code points
 * (emoji are never split), making user-written text inert (a Markdown link or image cannot hide a URL, an HTML tag
 * cannot change the look, `@all` / `@所有人` cannot ping a group), and the parts of an instant in a reader's zone.
 */

/** Replaces `{name}` with `values[name]`; a name without a value is left as written (a test catches it). */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
}

/** The `{name}` placeholders of a template. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]!);
}

/** At most `max` characters (code points), `ellipsis` appended when cut. */
export function truncate(text: string, max: number, ellipsis: string): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max).join('').trimEnd() + ellipsis : text;
}

/** Number of characters as a person counts them (code points). */
export function charCount(text: string): number {
  return [...text].length;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
/** `[label](url)` and `![alt](url)` → `label (url)`: the URL stays visible, nothing is a link. */
const MD_LINK = /!?\[([^\]\n]*)\]\(([^)\n]*)\)/g;
/** Mentions of everybody, in the spellings DingTalk and Markdown renderers know. */
const AT_ALL = /@(?=(all|everyone|所有人|全体成员)(?![A-Za-z0-9_]))/gi;

/** Multi-line user text made inert: links unwrapped, tags broken, `@all` turned into a harmless full-width `＠`. */
export function neutralise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(MD_LINK, (_m, label: string, url: string) => (label.trim() ? `${label} (${url})` : url))
    .replace(/\]\(/g, '] (')
    .replace(/<(?=[A-Za-z/!?])/g, '< ')
    .replace(AT_ALL, '＠');
}

/** One line of user text: neutralised, every run of white space (line breaks included) one space, cut to `max`. */
export function oneLine(text: string, max: number, ellipsis: string): string {
  return truncate(neutralise(text).replace(/\s+/g, ' ').trim(), max, ellipsis);
}

/**
 * Building an `Intl.DateTimeFormat` costs far more than formatting with one (a profile of the intake path showed
 * it as its largest single cost), so the three formatters of a (locale, zone, year) are made once and kept.
 */
type Formatters = { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat; offset: Intl.DateTimeFormat };
const formatters = new Map<string, Formatters>();

function usableZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function formattersFor(locale: string, timeZone: string, withYear: boolean): Formatters {
  const key = `${locale}|${timeZone}|${withYear ? 'y' : ''}`;
  let found = formatters.get(key);
  if (!found) {
    const zone = usableZone(timeZone);
    found = {
      date: new Intl.DateTimeFormat(locale, {
        timeZone: zone,
        ...(withYear ? { year: 'numeric' as const } : {}),
        month: 'short',
        day: 'numeric',
        weekday: 'short',
      }),
      time: new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      offset: new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' }),
    };
    formatters.set(key, found);
  }
  return found;
}

/** Date, time (24 h) and UTC offset of `at` in `timeZone` (unknown zone → UTC), in `locale`, for a catalog pattern. */
export function instantParts(at: Date, locale: string, timeZone: string, withYear: boolean): { date: string; time: string; zone: string } {
  // Deadlines repeat (every card of a ticket shows the same two; tickets filed outside working hours share them):
  // the answers are kept, a bounded number.
  const key = `${locale}|${timeZone}|${withYear ? 'y' : ''}|${at.getTime()}`;
  let parts = partsMemo.get(key);
  if (!parts) {
    parts = formatInstant(at, locale, timeZone, withYear);
    if (partsMemo.size >= PARTS_KEPT) partsMemo.clear();
    partsMemo.set(key, parts);
  }
  return { ...parts };
}

const PARTS_KEPT = 5000;
const partsMemo = new Map<string, { date: string; time: string; zone: string }>();

function formatInstant(at: Date, locale: string, timeZone: string, withYear: boolean): { date: string; time: string; zone: string } {
  const f = formattersFor(locale, timeZone, withYear);
  const date = f.date.format(at);
  const time = f.time.format(at);
  const offset = f.offset.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? f.offset.resolvedOptions().timeZone;
  return { date, time, zone: offset };
}
