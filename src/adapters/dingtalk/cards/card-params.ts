import type {
  CardAction,
  CardActionTone,
  CardForm,
  CardFormField,
  CardFormFieldKind,
  CardView,
} from '../../../domain/ports/chat-gateway.port';

/**
 * CardView → `cardParamMap` strings (docs/dingtalk-cards.md §2.2). Every value is a string; arrays are JSON strings.
 * `actions` and `notice` are private variables in the template: the public value is what every holder sees, a
 * user's private value replaces it for that user, so each listed user gets their complete list.
 */
export type CardParamMap = Record<string, string>;

/** Public keys the bot sends; the template in docs/dingtalk-card-template.md declares these and the private Form keys. */
export const CARD_PARAM_KEYS = ['ref', 'status', 'status_label', 'title', 'lastMessage', 'fields', 'actions', 'notice'] as const;
/** Template variables marked 私有 (private). */
export const PRIVATE_CARD_PARAM_KEYS = ['actions', 'notice', 'form_open', 'form'] as const;

/** DingTalk documents ≤ 1 KB per value; the adapter warns above this. */
export const CARD_VALUE_SOFT_LIMIT_BYTES = 1024;

/** The button colours the card template knows (docs/dingtalk-card-template.md). */
export type ButtonColor = 'blue' | 'gray' | 'red' | 'green' | 'orange';

/** How each tone of action looks on a DingTalk card. */
export const BUTTON_COLOR: Readonly<Record<CardActionTone, ButtonColor>> = {
  primary: 'blue',
  neutral: 'gray',
  positive: 'green',
  caution: 'orange',
  danger: 'red',
};

export interface CardActionParam {
  label: string;
  action: string;
  color: ButtonColor;
  status: 'normal' | 'disabled';
  input: string;
  placeholder: string;
  /** Extra constant params (agent, team, service…); the template passes them back as `params`. */
  params?: Record<string, string>;
}

export function toActionParam(a: CardAction): CardActionParam {
  const item: CardActionParam = {
    label: a.label,
    action: a.action,
    color: BUTTON_COLOR[a.tone],
    status: a.enabled ? 'normal' : 'disabled',
    input: a.input ?? '',
    placeholder: a.placeholder ?? '',
  };
  if (a.params && Object.keys(a.params).length > 0) item.params = { ...a.params };
  return item;
}

export function actionsParam(actions: readonly CardAction[]): string {
  return JSON.stringify(actions.map(toActionParam));
}

export function toPublicCardParamMap(view: CardView): CardParamMap {
  return {
    ref: view.ref,
    status: view.status,
    status_label: view.statusLabel,
    title: view.title,
    lastMessage: view.lastMessage,
    fields: JSON.stringify(view.fields.map((f) => ({ label: f.label, value: f.value }))),
    actions: actionsParam(view.publicActions),
    notice: '',
    ...view.vars,
    // Attachments (docs/interfaces.md "Chat additions"): only on cards that have some.
    ...(view.attachments && view.attachments.length > 0 ? { attachments: JSON.stringify(view.attachments) } : {}),
    ...(view.image ? { image: view.image } : {}),
  };
}

/**
 * The ticket page's link (docs/dingtalk-card-template.md `url`, `url_label`): `PORTAL_BASE/app/t/<ref>`, on every
 * ticket card when the workbench page is served; nothing for other cards or without a base URL.
 */
export function withTicketLink(map: CardParamMap, portalUrl: string | undefined): CardParamMap {
  if (!portalUrl || !/^[RI]-\d+$/.test(map.ref ?? '')) return map;
  return { ...map, url: `${portalUrl.replace(/\/+$/, '')}/app/t/${map.ref}`, url_label: '在网页中查看 / Open' };
}

/** DingTalk's Form field types (表单变量, docs/dingtalk-cards.md §2.5). */
export type FormFieldType = 'TEXT' | 'TEXT_AREA' | 'SELECT';

/** Which DingTalk field type asks for each kind of answer. */
export const FORM_FIELD_TYPE: Readonly<Record<CardFormFieldKind, FormFieldType>> = {
  line: 'TEXT',
  paragraph: 'TEXT_AREA',
  choice: 'SELECT',
};

/** One Form field on the wire; keys in this order, absent ones left out. A SELECT's value is `{index, value}`. */
export interface FormFieldParam {
  name: string;
  type: FormFieldType;
  label?: string;
  placeholder?: string;
  required?: boolean;
  hidden?: boolean;
  options?: Array<{ value: string; text: string }>;
  defaultValue?: string | { index: number; value: string };
}

/** The wire value of a pre-filled field: the text, or the chosen option's `{index, value}` (none if not an option). */
function defaultValueParam(f: CardFormField): FormFieldParam['defaultValue'] {
  if (f.defaultValue === undefined || f.kind !== 'choice') return f.defaultValue;
  const index = (f.options ?? []).findIndex((o) => o.value === f.defaultValue);
  return index >= 0 ? { index, value: f.defaultValue } : undefined;
}

export function toFormFieldParam(f: CardFormField): FormFieldParam {
  const field: FormFieldParam = {
    name: f.name,
    type: FORM_FIELD_TYPE[f.kind],
    label: f.label,
    placeholder: f.placeholder,
    required: f.required,
    hidden: f.hidden,
    options: f.options?.map((o) => ({ value: o.value, text: o.text })),
    defaultValue: defaultValueParam(f),
  };
  // Only present keys go on the wire (JSON.stringify drops undefined too; this keeps the object itself exact).
  for (const key of Object.keys(field) as Array<keyof FormFieldParam>) if (field[key] === undefined) delete field[key];
  return field;
}

/** The Form variable (表单, docs/dingtalk-cards.md §2.5) as a JSON string, like every other object value. */
export function formParam(form: CardForm): string {
  return JSON.stringify({ fields: form.fields.map(toFormFieldParam) });
}

/**
 * Per-user private data: `actions` for each user listed in `privateActions` (their complete list; `[]` hides the
 * public buttons), `notice` (cleared to '' for listed users without one, so a stale refusal does not linger), and
 * for users listed in `privateForm` the Form: `form_open` `"true"` with `form`, or `"false"` to close it.
 */
export function toPrivateCardData(view: CardView): Record<string, CardParamMap> {
  const out: Record<string, CardParamMap> = {};
  const notices = view.privateNotice ?? {};
  const forms = view.privateForm ?? {};
  const users = new Set([...Object.keys(view.privateActions), ...Object.keys(notices), ...Object.keys(forms)]);
  for (const userId of users) {
    const map: CardParamMap = {};
    const actions = view.privateActions[userId];
    if (actions) map.actions = actionsParam(actions);
    map.notice = notices[userId] ?? '';
    if (userId in forms) {
      const form = forms[userId];
      map.form_open = form ? 'true' : 'false';
      if (form) map.form = formParam(form);
    }
    out[userId] = map;
  }
  return out;
}

/**
 * The clicker's own view for a callback answer: public map + their private map. The clicker always gets an explicit
 * `actions` (their private list, else the public one): with merge-by-key updates an omitted key would leave the
 * buttons they had before on their card.
 */
export function toCallbackResponse(view: CardView, forUserId: string): CardCallbackResponse {
  const publicMap = toPublicCardParamMap(view);
  const privateMap = toPrivateCardData(view)[forUserId] ?? { notice: '' };
  return {
    cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
    cardData: { cardParamMap: publicMap },
    userPrivateData: { cardParamMap: { actions: publicMap.actions, ...privateMap } },
  };
}

/** What a card callback ACK carries as `response` (docs/dingtalk.md §1.9, docs/dingtalk-cards.md §2.4). */
export interface CardCallbackResponse {
  cardUpdateOptions: { updateCardDataByKey: boolean; updatePrivateDataByKey: boolean };
  cardData: { cardParamMap: CardParamMap };
  userPrivateData: { cardParamMap: CardParamMap };
}

/** Keys whose value exceeds DingTalk's documented 1 KB (for a warning). */
export function oversizedKeys(map: CardParamMap): string[] {
  return Object.entries(map)
    .filter(([, v]) => Buffer.byteLength(v, 'utf8') > CARD_VALUE_SOFT_LIMIT_BYTES)
    .map(([k]) => k);
}
