/**
 * Card Form submissions as the DingTalk adapter hands them over (docs/dingtalk-cards.md §2.5): the callback DingTalk
 * sends for a Form submit (`params.form` = {fieldName: value}, hidden fields with their `defaultValue`, a SELECT as
 * `{index, value}`), parsed by the real callback parser.
 */
import { parseCardCallback } from '../../src/adapters/dingtalk/inbound/card-callback.parser';
import type { CardForm } from '../../src/domain/ports/chat-gateway.port';
import type { IncomingCardAction } from '../../src/domain/ports/chat-inbound.port';

let seq = 0;

/** What the client submits for `form` after the person typed `typed` (field name → text, or a SELECT's option value). */
export function fillForm(form: CardForm, typed: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of form.fields) {
    if (f.hidden) out[f.name] = f.defaultValue;
    else if (f.name in typed) {
      const v = typed[f.name]!;
      out[f.name] = f.kind === 'choice' ? { index: (f.options ?? []).findIndex((o) => o.value === v), value: v } : v;
    }
  }
  return out;
}

/** The card callback of a Form submit by `userId` on card `outTrackId` (unique callback id). */
export function formSubmit(userId: string, outTrackId: string, form: Record<string, unknown>): IncomingCardAction {
  const content = JSON.stringify({ cardPrivateData: { actionIds: ['form'], params: { form } } });
  const data = { outTrackId, userId, userIdType: 1, corpId: 'dingcorp', type: 'actionCallback', spaceType: 'im', spaceId: '', extension: '{}', content, value: content };
  const parsed = parseCardCallback(JSON.stringify(data), `cb-form-${++seq}`);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
