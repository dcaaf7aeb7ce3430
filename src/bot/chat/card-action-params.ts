/**
 * Reading a click's params, whichever way they came (INTERFACES.md "Ticket card"): named (`reason`), as `text`
 * (one Input: it fills the action's single text input), or inside `form` (normally flattened by the adapter; a
 * JSON string is flattened here too).
 */
export class CardActionParams {
  private readonly values: Record<string, string>;

  constructor(params: Readonly<Record<string, string>>, private readonly singleInput: string | null) {
    this.values = { ...params };
    for (const nested of ['params', 'form']) {
      const raw = params[nested];
      if (typeof raw !== 'string' || !raw.trim().startsWith('{')) continue;
      try {
        const obj = JSON.parse(raw) as Record<string, unknown>;
        for (const [k, v] of Object.entries(obj)) {
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') this.values[k] ??= String(v);
        }
      } catch {
        // not JSON: leave it as a plain value
      }
    }
  }

  /** A named value; the action's single text input also accepts `text`. Blank = absent. */
  get(name: string): string | undefined {
    const named = this.values[name];
    if (named !== undefined && named.trim() !== '') return named;
    if (name === this.singleInput) {
      const text = this.values.text;
      if (text !== undefined && text.trim() !== '') return text;
    }
    return undefined;
  }
}
