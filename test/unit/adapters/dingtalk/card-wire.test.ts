/**
 * The bytes sent to DingTalk for a representative set of cards — every ticket state in both languages, seen by the
 * caller, the agent, an administrator and a stranger (every button kind and colour: claim, assign…, reassign…, pend,
 * resume, resolve, close…, close 1–4, reopen, urgent, link, note, private note), the relations on open tickets (the
 * duplicate buttons join, new and make incident; the affected row), the picker, and the Resolve and Close Forms
 * (each field kind, pre-filled or not, opened and closed) — compared with a fixture captured before the chat port
 * spoke in domain terms (`test/fixtures/card-wire.json`; trimmed later to these viewers and relations by cutting
 * the original capture, not by regenerating it). Regenerate only on purpose: `CARD_WIRE_WRITE=1`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { toCallbackResponse, toPrivateCardData, toPublicCardParamMap } from '../../../../src/adapters/dingtalk/cards/card-params';
import { renderForm } from '../../../../src/bot/views/cards/render-form';
import { renderPickerCard } from '../../../../src/bot/views/cards/render-picker-card';
import { renderTicketCard } from '../../../../src/bot/views/cards/render-ticket-card';
import type { TicketRelations } from '../../../../src/bot/views/cards/ticket-relations';
import { countersFor } from '../../../../src/domain/calendar/calendar-counters';
import { eligibleOfferings } from '../../../../src/domain/directory/eligibility';
import type { CardView } from '../../../../src/domain/ports/chat-gateway.port';
import { LOCALES } from '../../../../src/domain/shared/locale';
import { decide, type TicketCommand } from '../../../../src/domain/tickets/lifecycle';
import { openRequest } from '../../../../src/domain/tickets/open';
import type { Ticket } from '../../../../src/domain/tickets/ticket';
import { botCatalogEn } from '../../../../src/bot/views/replies/catalog.en';
import { botCatalogZhCN } from '../../../../src/bot/views/replies/catalog.zh-CN';
import { demoDirectory, WORKDAY_10AM } from '../../../support/demo';

const FIXTURE = path.join(__dirname, '..', '..', '..', 'fixtures', 'card-wire.json');
const dir = demoDirectory();
/** Holders of the ticket cards: caller, agent (bjxiaoshouyunying), administrator, stranger. */
const VIEWERS = ['1000000259', '1000000333', '1000000703', '1999999999'];
/** Users given a Form (or a closed one) on the Forms card. */
const FORM_USERS = ['1000000259', '1000000333', '1000000555', '1000009001', '1000000296'];

function step(t: Ticket, cmd: TicketCommand, actor: string): Ticket {
  const r = decide(t, cmd, { dir, actor, entryPoint: 'card', now: WORKDAY_10AM, counter: countersFor(dir) });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.ticket;
}

function opened(): Ticket {
  const r = openRequest(
    { caller: 'bjxiaoshoua', service: 'BJ-SALES-OPS', subcategory: 'consult', description: '商户A昨天订了1斤葡萄，今天没有送货' },
    { dir, now: WORKDAY_10AM, entryPoint: 'chat', counter: countersFor(dir) },
  );
  if (!r.ok) throw new Error(r.error.code);
  return { ...r.value.ticket, id: 12 };
}

function wire(view: CardView) {
  return {
    public: toPublicCardParamMap(view),
    private: toPrivateCardData(view),
    callback: Object.fromEntries(VIEWERS.slice(0, 2).map((u) => [u, toCallbackResponse(view, u)])),
  };
}

function cards(): Record<string, unknown> {
  const fresh = opened();
  const assigned = step(fresh, { type: 'claim' }, 'bjxiaoshouyunying');
  const resolved = step(assigned, { type: 'resolve', solution: '已补发', resolutionCode: 'assistance' }, 'bjxiaoshouyunying');
  const tickets: Record<string, Ticket> = {
    new: fresh,
    escalated_tto: step(fresh, { type: 'escalate_tto' }, 'system'),
    assigned,
    escalated_ttr: step(assigned, { type: 'escalate_ttr' }, 'system'),
    pending: step(assigned, { type: 'pend', reason: '等待仓库回复' }, 'bjxiaoshouyunying'),
    resolved,
    closed: step(resolved, { type: 'close' }, 'bjxiaoshoua'),
  };
  const relations: Record<string, TicketRelations> = {
    none: {},
    both: { suggestion: { ref: 'R-000009', people: 2 }, similarGroup: ['R-000012', 'R-000013', 'R-000014'] },
    affected: { affected: { requests: 3, people: 2 } },
  };
  const out: Record<string, unknown> = {};
  for (const locale of LOCALES) {
    const c = locale === 'en' ? botCatalogEn : botCatalogZhCN;
    for (const [state, t] of Object.entries(tickets)) {
      // Relations show on open tickets only; a closed or resolved card is the same with or without them.
      const shown = t.status === 'resolved' || t.status === 'closed' ? { none: relations.none! } : relations;
      for (const [name, rel] of Object.entries(shown)) {
        out[`${locale}/${state}/${name}`] = wire(renderTicketCard(t, dir, VIEWERS, locale, { relations: rel, notices: { [VIEWERS[1]!]: 'done' } }));
      }
    }
    const withForms = renderTicketCard(tickets.assigned!, dir, FORM_USERS.slice(0, 2), locale);
    withForms.privateForm = {
      [FORM_USERS[0]!]: renderForm('close', 'R-000012', c, { satisfaction: '2', comment: '太慢' }),
      [FORM_USERS[1]!]: renderForm('resolve', 'R-000012', c, { solution: 'rebooted', resolution_code: 'training' }),
      [FORM_USERS[2]!]: renderForm('resolve', 'R-000012', c),
      [FORM_USERS[3]!]: renderForm('close', 'R-000012', c, { satisfaction: '9', comment: '  ' }),
      [FORM_USERS[4]!]: null,
    };
    out[`${locale}/forms`] = wire(withForms);
    const caller = dir.person('bjxiaoshoua')!;
    const offerings = eligibleOfferings(dir, caller, WORKDAY_10AM);
    out[`${locale}/picker`] = wire(renderPickerCard({ writerUserId: VIEWERS[0]!, text: '打印机坏了', offerings, matched: 2, locale, notice: 'pick' }));
    out[`${locale}/picker-closed`] = wire(renderPickerCard({ writerUserId: VIEWERS[0]!, text: '打印机坏了', offerings: [], locale }));
  }
  return out;
}

describe('the bytes of every card sent to DingTalk', () => {
  it('are what they were before the chat port spoke in domain terms', () => {
    const now = JSON.stringify(cards(), null, 1);
    if (process.env.CARD_WIRE_WRITE === '1') fs.writeFileSync(FIXTURE, now + '\n');
    expect(now + '\n').toBe(fs.readFileSync(FIXTURE, 'utf8'));
  });
});
