/**
 * Reading a click's params, whichever way they came (INTERFACES.md "Ticket card"): named (`reason`), as `text`
 * (one Input: it fills the action's single text input), or inside `form` (a Form submission, DINGTALK-CARDS.md
 * §2.5: normally flattened by the adapter and handed over as `form` too; a JSON string is flattened here). A
 * SELECT's value may arrive as `{index, value}`: its `value` counts.
 */
function formValue(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v) && 'value' in v) return formValue((v as { value: unknown }).value);
  return undefined;
}

export class CardActionParams {
  private readonly values: Record<string, string>;
  /** true when the click was a Form submission: the Form's own fields are what the person meant to send. */
  readonly fromForm: boolean;

  constructor(params: Readonly<Record<string, string>>, private readonly singleInput: string | null, form?: Readonly<Record<string, string>>) {
    this.values = { ...params, ...form };
    let fromForm = form !== undefined;
    for (const nested of ['params', 'form']) {
      const raw = params[nested];
      if (typeof raw !== 'string' || !raw.trim().startsWith('{')) continue;
      try {
        const obj = JSON.parse(raw) as Record<string, unknown>;
        for (const [k, v] of Object.entries(obj)) {
          const value = formValue(v);
          if (value === undefined) continue;
          // Form fields are what was typed: they win over the button's constants; nested `params` only fill gaps.
          if (nested === 'form') this.values[k] = value;
          else this.values[k] ??= value;
        }
        if (nested === 'form') fromForm = true;
      } catch {
        // not JSON: leave it as a plain value
      }
    }
    this.fromForm = fromForm;
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
