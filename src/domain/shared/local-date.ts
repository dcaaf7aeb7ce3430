/** Calendar date (`YYYY-MM-DD`) of an instant in an IANA zone. Pure; formatters cached per zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The last answer per zone and UTC minute (every zone's offset in this era is whole minutes): most calls ask about "now". */
const recent = new Map<string, { minute: number; date: string }>();

export function localDate(at: Date, timeZone: string): string {
  const minute = Math.floor(at.getTime() / 60_000);
  const hit = recent.get(timeZone);
  if (hit && hit.minute === minute) return hit.date;
  const date = formatted(at, timeZone);
  if (recent.size > 100) recent.clear();
  recent.set(timeZone, { minute, date });
  return date;
}

function formatted(at: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}
