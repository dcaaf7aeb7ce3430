/**
 * Reading a click's params (docs/interfaces.md "Ticket card"): named (`reason`), as `text` (one Input: it fills the
 * action's single text input), or a Form's fields (docs/dingtalk-cards.md §2.5). The DingTalk adapter is the only
 * parser of the wire format: it hands over flat strings (`IncomingCardAction.params`, and `form` for a Form
 * submission); this only reads them.
 */
export class CardActionParams {
  private readonly values: Readonly<Record<string, string>>;
  /** true when the click was a Form submission: the Form's own fields are what the person meant to send. */
  readonly fromForm: boolean;

  constructor(params: Readonly<Record<string, string>>, private readonly singleInput: string | null, form?: Readonly<Record<string, string>>) {
    // Form fields are what was typed: they win over the button's constants.
    this.values = { ...params, ...form };
    this.fromForm = form !== undefined;
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
