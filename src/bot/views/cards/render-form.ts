/**
 * The card Forms of the two multi-field actions (docs/dingtalk-cards.md §2.5, DingTalk 表单变量): Resolve asks for a
 * solution and a resolution code, Close for a satisfaction (1 very satisfied … 4 very dissatisfied) and an optional
 * comment. Hidden `action` and `ref` fields ride back with the submission, so it is routed like any click. A Form
 * may be pre-filled (a text typed before, or the values of a refused submission). Words come from the catalog.
 */
import { ACTION_IDS, type ActionId } from '../../action-ids';
import type { CardForm, CardFormField } from '../../../domain/ports/chat-gateway.port';
import { RESOLUTION_CODES } from '../../../domain/tickets/ticket';
import type { BotCatalog } from '../replies/bot-catalog';
import { demandWords, PEND_REASON_KINDS } from '../replies/demand-words';

export const FORM_KINDS = ['resolve', 'close', 'pend'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** The action id each Form submits (its hidden `action` field). */
export const FORM_ACTION: Record<FormKind, ActionId> = { resolve: ACTION_IDS.resolve, close: ACTION_IDS.close, pend: ACTION_IDS.pend };

const SATISFACTIONS = ['1', '2', '3', '4'] as const;

/** Values to show again, by field name (absent or blank = empty). */
export type FormPrefill = Readonly<Record<string, string | undefined>>;

function hidden(name: string, value: string): CardFormField {
  return { name, kind: 'line', hidden: true, defaultValue: value };
}

function paragraph(name: string, words: { label: string; placeholder: string }, required: boolean, prefill: FormPrefill): CardFormField {
  const field: CardFormField = { name, kind: 'paragraph', label: words.label, placeholder: words.placeholder, required };
  const value = prefill[name];
  if (value !== undefined && value.trim() !== '') field.defaultValue = value;
  return field;
}

function choice(
  name: string,
  words: { label: string; placeholder: string },
  options: Array<{ value: string; text: string }>,
  prefill: FormPrefill,
): CardFormField {
  const field: CardFormField = { name, kind: 'choice', label: words.label, placeholder: words.placeholder, required: true, options };
  const value = prefill[name]?.trim();
  if (value !== undefined && options.some((o) => o.value === value)) field.defaultValue = value;
  return field;
}

/** The resolve form's choices: the people-given codes, 其他 / Other last (system-only codes never offered). */
export const FORM_RESOLUTION_CODES = [...RESOLUTION_CODES.filter((code) => code !== 'other'), 'other' as const];

export function renderForm(kind: FormKind, ref: string, c: BotCatalog, prefill: FormPrefill = {}): CardForm {
  const head = [hidden('action', FORM_ACTION[kind]), hidden('ref', ref)];
  if (kind === 'resolve') {
    const codes = FORM_RESOLUTION_CODES.map((code) => ({ value: code, text: c.form.resolutionCodes[code] }));
    return {
      fields: [...head, paragraph('solution', c.form.solution, true, prefill), choice('resolution_code', c.form.resolutionCode, codes, prefill)],
    };
  }
  if (kind === 'pend') {
    // The pend Form: a reason and its kind; `demand` converts the request (docs/demands.md "Converting a request").
    const w = demandWords(c.locale).pendForm;
    const kinds = PEND_REASON_KINDS.map((k) => ({ value: k, text: w.kinds[k] }));
    return { fields: [...head, paragraph('reason', w.reason, true, prefill), choice('reason_kind', w.reasonKind, kinds, prefill)] };
  }
  const ratings = SATISFACTIONS.map((s) => ({ value: s, text: c.form.satisfactions[s] }));
  return {
    fields: [...head, choice('satisfaction', c.form.satisfaction, ratings, prefill), paragraph('comment', c.form.comment, false, prefill)],
  };
}
