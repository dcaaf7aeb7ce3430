/**
 * The chat layer end to end on a real database (embedded SQLite, TypeORM stores) with the recording chat gateway:
 * free-text intake, picker, card clicks (claim race, resolve and close through the card Form), the outbox reaction
 * that updates every card in place, commands, and the sentences for people who cannot file.
 */
import { formParam, type FormFieldParam } from '../../../src/adapters/dingtalk/cards/card-params';
import { eligibleOfferings } from '../../../src/domain/directory/eligibility';
import type { CardForm, CardView } from '../../../src/domain/ports/chat-gateway.port';
import type { IncomingChatMessage } from '../../../src/domain/ports/chat-inbound.port';
import { TICKET_STATES, type Ticket } from '../../../src/domain/tickets/ticket';
import { fillForm, formSubmit } from '../../support/card-form';
import { DEMO_USERS, GRAPES } from '../../support/demo';
import { SYSTEM_ACTOR as SYSTEM } from '../../../src/domain/tickets/actor';
import { chatHarness, type ChatHarness } from '../../support/chat-harness';

const { SALES_A, SALES_B, OPS_1, OPS_2, OPS_LEAD, MERCHANT_A, STRANGER } = DEMO_USERS;
const GZ_SALES_EN = DEMO_USERS.GZ_SALES_A; // locale set to en below

describe('chat layer [sqlite]', () => {
  let h: ChatHarness;
  let gateway: ChatHarness['gateway'];
  let tickets: ChatHarness['tickets'];
  let cards: ChatHarness['cards'];
  let handler: ChatHarness['handler'];
  let deps: ChatHarness['deps'];
  let clock: ChatHarness['clock'];

  beforeAll(async () => {
    h = await chatHarness((data) => {
      data.people.find((p) => p.id === 'gzxiaoshoua')!.locale = 'en';
    });
    ({ gateway, tickets, cards, handler, deps, clock } = h);
  });

  afterAll(() => h.close());

  const drain = () => h.drain();
  const message = (userId: string, text: string | null, extra: Partial<IncomingChatMessage> = {}) => h.message(userId, text, extra);
  const say = (userId: string, text: string | null, extra: Partial<IncomingChatMessage> = {}) =>
    handler.onMessage(message(userId, text, extra));
  const click = (userId: string, outTrackId: string, params: Record<string, string>) =>
    handler.onCardAction(h.cardAction(userId, outTrackId, params));
  /** A Form submission, as DingTalk sends it and the adapter parses it. */
  const submit = (userId: string, outTrackId: string, form: Record<string, unknown>) => handler.onCardAction(formSubmit(userId, outTrackId, form));
  /** The Form an answer opened for `userId` (fails if it closed it). */
  const formFor = (answer: Awaited<ReturnType<typeof click>>, userId: string): CardForm => {
    const form = answer?.card.privateForm?.[userId];
    if (!form) throw new Error(`no Form opened for ${userId}: ${answer?.card.privateNotice?.[userId] ?? 'no answer'}`);
    return form;
  };
  /** A Form's fields as DingTalk receives them (the adapter's `form` value). */
  const wireFields = (form: CardForm): FormFieldParam[] => (JSON.parse(formParam(form)) as { fields: FormFieldParam[] }).fields;

  const lastAnswer = (userId: string): string => {
    const mine = gateway.privateAnswers.filter((m) => m.userId === userId);
    if (mine.length === 0) throw new Error(`no answer to ${userId}`);
    return mine[mine.length - 1]!.message.text;
  };
  const answersTo = (userId: string) => gateway.privateAnswers.filter((m) => m.userId === userId).length;
  const refIn = (text: string): string => {
    const m = /[RI]-\d{6}/.exec(text);
    if (!m) throw new Error(`no ref in ${text}`);
    return m[0];
  };
  /** The ticket whose card was delivered to `userId` last (its outTrackId is the ref): the caller's answer to a filing. */
  const cardRefTo = (userId: string): string => {
    const id = gateway.lastCardTo(userId);
    if (!id) throw new Error(`no card delivered to ${userId}`);
    return id;
  };
  const card = (outTrackId: string): CardView => {
    const c = gateway.cards.get(outTrackId);
    if (!c) throw new Error(`no card ${outTrackId}`);
    return c.card;
  };
  const actionsOf = (view: CardView, userId: string) => (view.privateActions[userId] ?? []).map((a) => a.action);
  const field = (view: CardView, label: string) => view.fields.find((f) => f.label === label)?.value;
  const ticket = async (ref: string): Promise<Ticket> => {
    const r = await tickets.get(SYSTEM, ref);
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };
  const ticketCount = async (): Promise<number> => {
    const r = await tickets.list(SYSTEM, { scope: 'by_state', states: [...TICKET_STATES] }, 10_000);
    if (!r.ok) throw new Error(r.error.code);
    return r.value.length;
  };

  describe('a salesperson files by direct message; operations claim and resolve on the card', () => {
    let ref: string;
    let resolveForm: CardForm;

    it('files one request on BJ-SALES-OPS/consult at once, with cards to the caller and both contacts', async () => {
      const before = await ticketCount();
      await say(SALES_A, GRAPES);
      expect(await ticketCount()).toBe(before + 1);

      // The card is the caller's answer (no text answer): it names the owner team and the deadlines.
      expect(answersTo(SALES_A)).toBe(0);
      ref = cardRefTo(SALES_A);
      expect(field(card(ref), '处理团队')).toBe('北京分公司-销售运营'); // the owner team
      expect(field(card(ref), '响应时限')).toBe('12月2日周三 12:00（GMT+8）'); // TTO 2 working hours, caller's zone
      expect(field(card(ref), '解决时限')).toBe('12月3日周四 10:30（GMT+8）'); // TTR 8 working hours

      const t = await ticket(ref);
      expect(t).toMatchObject({ service: 'BJ-SALES-OPS', subcategory: 'consult', status: 'new', priority: 3, caller: 'bjxiaoshoua' });
      expect(t.title).toBe(GRAPES);

      const stored = await cards.cardsOf(t.id);
      expect(stored.map((c) => [c.outTrackId, c.role]).sort()).toEqual(
        [
          [ref, 'caller'],
          [ref, 'contact'],
          [ref, 'contact'],
        ].sort(),
      );
      const callerCard = card(ref);
      expect(callerCard).toMatchObject({ ref, status: 'new', statusLabel: '新建', lastMessage: `${ref} 新建`, publicActions: [] });
      expect(actionsOf(callerCard, SALES_A)).toEqual(['ticket.urgent', 'ticket.note', 'ticket.cancel']);
      const claimAssign = ['ticket.claim', 'ticket.assign', 'ticket.assign', 'ticket.link', 'ticket.note', 'ticket.note_private'];
      expect(actionsOf(card(ref), OPS_1)).toEqual(claimAssign);
      expect(actionsOf(card(ref), OPS_2)).toEqual(claimAssign);
      expect(gateway.holds(OPS_LEAD, ref)).toBe(false);
      await drain();
    });

    it('the first contact claims: assigned, and the answer offers Pend and Resolve', async () => {
      // The click reads the ticket before the use case (which reads it once more) and re-renders from the saved one.
      const reads = jest.spyOn(tickets, 'get');
      const answer = await click(OPS_1, ref, { action: 'ticket.claim', ref });
      expect(reads.mock.calls.filter(([, r]) => r === ref)).toHaveLength(1);
      reads.mockRestore();
      expect(answer?.forUserId).toBe(OPS_1);
      expect(answer!.card.status).toBe('assigned');
      expect(actionsOf(answer!.card, OPS_1)).toEqual(['ticket.reassign', 'ticket.reassign', 'ticket.pend', 'ticket.resolve', 'ticket.link', 'ticket.note', 'ticket.note_private']);
      expect(answer!.card.privateNotice?.[OPS_1]).toContain(ref);
      expect(field(answer!.card, '处理人')).toBe('北京分公司-销售运营');
      expect((await ticket(ref)).agent).toBe('bjxiaoshouyunying');
    });

    it('the second contact clicks Claim on the stale card: refused privately, naming the winner and the state', async () => {
      // A refusal carries no ticket: read before and after, twice in all.
      const reads = jest.spyOn(tickets, 'get');
      const answer = await click(OPS_2, ref, { action: 'ticket.claim', ref });
      expect(reads.mock.calls.filter(([, r]) => r === ref)).toHaveLength(2);
      reads.mockRestore();
      expect(answer?.forUserId).toBe(OPS_2);
      const notice = answer!.card.privateNotice?.[OPS_2] ?? '';
      expect(notice).toContain('北京分公司-销售运营 已认领');
      expect(notice).toContain('处理中');
      expect(actionsOf(answer!.card, OPS_2)).toEqual(['ticket.reassign', 'ticket.reassign', 'ticket.link', 'ticket.note', 'ticket.note_private']);
      expect((await ticket(ref)).agent).toBe('bjxiaoshouyunying');
    });

    it('the outbox reaction updates every card in place (no new card for an assignee who holds one)', async () => {
      const updatesBefore = gateway.cards.get(ref)!.updates;
      expect(await drain()).toBeGreaterThan(0);
      expect(gateway.cards.get(ref)!.updates).toBeGreaterThan(updatesBefore);
      for (const [user, actions] of [
        [SALES_A, ['ticket.note']],
        [OPS_1, ['ticket.reassign', 'ticket.reassign', 'ticket.pend', 'ticket.resolve', 'ticket.link', 'ticket.note', 'ticket.note_private']],
        [OPS_2, ['ticket.reassign', 'ticket.reassign', 'ticket.link', 'ticket.note', 'ticket.note_private']],
      ] as const) {
        const view = card(ref);
        expect(view.status).toBe('assigned');
        expect(actionsOf(view, user)).toEqual(actions);
      }
      const t = await ticket(ref);
      expect(await cards.cardsOf(t.id)).toHaveLength(3);
    });

    it('Pend without a reason opens the clicker\'s pend Form: a reason and its kind (等待 / 需求); nothing changes yet', async () => {
      const answer = await click(OPS_1, ref, { action: 'ticket.pend', ref });
      expect(answer!.card.privateNotice?.[OPS_1]).toContain(`挂起 ${ref}`);
      const form = formFor(answer, OPS_1);
      expect(wireFields(form).map((f) => [f.name, f.type, !!f.required, !!f.hidden])).toEqual([
        ['action', 'TEXT', false, true],
        ['ref', 'TEXT', false, true],
        ['reason', 'TEXT_AREA', true, false],
        ['reason_kind', 'SELECT', true, false],
      ]);
      expect(form.fields[3]!.options!.map((o) => [o.value, o.text])).toEqual([
        ['other', '等待（提出人、第三方等）'],
        ['demand', '需求（转入需求池）'],
      ]);
      expect((await ticket(ref)).status).toBe('assigned');
      // an empty reason submitted: the sentence asking for it, the Form stays open
      const refused = await submit(OPS_1, ref, fillForm(form, { reason: '', reason_kind: 'other' }));
      expect(refused!.card.privateNotice?.[OPS_1]).toContain('请填写原因');
      expect(refused!.card.privateForm?.[OPS_1]).toBeTruthy();
      expect((await ticket(ref)).status).toBe('assigned');
    });

    it('Resolve opens the clicker\'s Form (a text typed on an older card fills it in); nothing changes yet', async () => {
      const answer = await click(OPS_1, ref, { action: 'ticket.resolve', ref, text: '已联系仓库' });
      expect(answer!.card.status).toBe('assigned');
      expect(answer!.card.privateNotice![OPS_1]).toBe(`请在下方填写解决方案并选择解决类型，提交后解决 ${ref}。`);
      const form = formFor(answer, OPS_1);
      expect(wireFields(form).map((f) => [f.name, f.type, !!f.required, !!f.hidden])).toEqual([
        ['action', 'TEXT', false, true],
        ['ref', 'TEXT', false, true],
        ['solution', 'TEXT_AREA', true, false],
        ['resolution_code', 'SELECT', true, false],
      ]);
      expect(form.fields.slice(0, 3).map((f) => f.defaultValue)).toEqual(['ticket.resolve', ref, '已联系仓库']);
      expect(await ticket(ref)).toMatchObject({ status: 'assigned', solution: null });
      resolveForm = form;
    });

    it('the Form\'s submission resolves with the solution and the code picked; the answer closes the Form', async () => {
      const answer = await submit(OPS_1, ref, fillForm(resolveForm, { solution: '已联系仓库，今天补发', resolution_code: 'assistance' }));
      expect(answer!.card.status).toBe('resolved');
      expect(answer!.card.privateForm).toEqual({ [OPS_1]: null });
      expect(answer!.card.privateNotice![OPS_1]).toBe(`${ref} 已解决。`);
      expect(await ticket(ref)).toMatchObject({ status: 'resolved', solution: '已联系仓库，今天补发', resolutionCode: 'assistance' });
      await drain();
      const callerCard = card(ref);
      expect(callerCard.status).toBe('resolved');
      expect(callerCard.privateForm).toBeUndefined(); // other holders' Forms are left alone
      // "Close…" (the Form), the four quick ratings, Reopen, Note
      expect(actionsOf(callerCard, SALES_A)).toEqual(['ticket.close', 'ticket.close', 'ticket.close', 'ticket.close', 'ticket.close', 'ticket.reopen', 'ticket.note']);
      const closes = callerCard.privateActions[SALES_A]!.filter((a) => a.action === 'ticket.close');
      expect(closes.map((a) => a.params?.satisfaction ?? 'form')).toEqual(['form', '1', '2', '3', '4']);
      expect(field(callerCard, '解决方案')).toBe('已联系仓库，今天补发');
      expect(actionsOf(card(ref), OPS_1)).toEqual(['ticket.note', 'ticket.note_private']);
    });

    it('the caller closes through the Form with a satisfaction and a comment; afterwards no card has buttons', async () => {
      const opened = await click(SALES_A, ref, { action: 'ticket.close', ref });
      const form = formFor(opened, SALES_A);
      expect(wireFields(form).map((f) => [f.name, f.type, !!f.required])).toEqual([
        ['action', 'TEXT', false],
        ['ref', 'TEXT', false],
        ['satisfaction', 'SELECT', true],
        ['comment', 'TEXT_AREA', false],
      ]);
      expect(form.fields[2]!.options!.map((o) => o.text)).toEqual(['非常满意', '满意', '不满意', '非常不满意']);
      expect((await ticket(ref)).status).toBe('resolved');

      const answer = await submit(SALES_A, ref, fillForm(form, { satisfaction: '2', comment: '处理及时' }));
      expect(answer!.card.status).toBe('closed');
      expect(answer!.card.privateForm).toEqual({ [SALES_A]: null });
      expect(await ticket(ref)).toMatchObject({ status: 'closed', satisfaction: 2, satisfactionComment: '处理及时' });
      await drain();
      for (const user of [SALES_A, OPS_1, OPS_2]) expect(actionsOf(card(ref), user)).toEqual([]);
    });
  });

  it('the pend Form with kind 需求 converts the request into a demand at once (docs/demands.md)', async () => {
    await say(SALES_B, '客户投诉：希望订单列表可以批量导出');
    const ref = cardRefTo(SALES_B);
    await drain();
    await click(OPS_1, ref, { action: 'ticket.claim', ref });
    await drain();
    const form = formFor(await click(OPS_1, ref, { action: 'ticket.pend', ref }), OPS_1);
    const answer = await submit(OPS_1, ref, fillForm(form, { reason: '多位销售提出，转产品评估', reason_kind: 'demand' }));
    expect(answer!.card.privateNotice![OPS_1]).toMatch(new RegExp(`^${ref} 已转为需求 D-\\d{6}，并已告知提出人。$`));
    expect(answer!.card.privateForm).toEqual({ [OPS_1]: null });
    expect(answer!.card.status).toBe('resolved');
    const demand = /D-\d{6}/.exec(answer!.card.privateNotice![OPS_1]!)![0];
    expect(await ticket(ref)).toMatchObject({ status: 'resolved', resolutionCode: 'converted_to_demand', solution: demand });
    // the same Form with kind 等待 pends as before
    await say(SALES_B, '客户投诉：要求改发票抬头');
    const other = cardRefTo(SALES_B);
    await drain();
    await click(OPS_1, other, { action: 'ticket.claim', ref: other });
    const pendForm = formFor(await click(OPS_1, other, { action: 'ticket.pend', ref: other }), OPS_1);
    await submit(OPS_1, other, fillForm(pendForm, { reason: '等财务确认', reason_kind: 'other' }));
    expect(await ticket(other)).toMatchObject({ status: 'pending', pendingReason: '等财务确认' });
  });

  it('an assignment to someone without a card delivers one to their direct chat', async () => {
    await say(SALES_B, '客户投诉：400 热线没人接');
    const ref = cardRefTo(SALES_B);
    await drain();
    const assigned = await tickets.assign({ person: 'bjyunyingzg', entryPoint: 'chat' }, ref, 'bj-sales-ops', 'bjyunyingzg');
    expect(assigned.ok).toBe(true);
    await drain();
    const view = card(ref);
    expect(view.status).toBe('assigned');
    expect(actionsOf(view, OPS_LEAD)).toEqual(['ticket.reassign', 'ticket.reassign', 'ticket.pend', 'ticket.resolve', 'ticket.link', 'ticket.note', 'ticket.note_private']);
    const stored = await cards.cardsOf((await ticket(ref)).id);
    expect(stored.find((c) => c.space.kind === 'dm' && c.space.userId === OPS_LEAD)?.role).toBe('agent');
  });

  it('reopen with a reason, a note, a stale Close and an unknown button: each answered on the clicker\'s card', async () => {
    await say(SALES_A, '昨天的订单今天没有送货');
    const ref = cardRefTo(SALES_A);
    const callerCard = ref;
    expect((await click(OPS_2, ref, { action: 'ticket.claim', ref }))!.card.status).toBe('assigned');
    await click(OPS_2, ref, { action: 'ticket.resolve', ref, solution: '已补发', resolution_code: 'assistance' });
    expect(await ticket(ref)).toMatchObject({ status: 'resolved', resolutionCode: 'assistance' });

    const reopened = await click(SALES_A, callerCard, { action: 'ticket.reopen', ref, text: '还是没收到' });
    expect(reopened!.card.status).toBe('assigned');
    expect(reopened!.card.privateNotice![SALES_A]).toBe(`${ref} 已重新打开。`);
    expect((await ticket(ref)).agent).toBe('bjyunying2');

    const stale = await click(SALES_A, callerCard, { action: 'ticket.close', ref });
    expect(stale!.card.privateNotice![SALES_A]).toBe(`这张工单当前状态下不能执行“关闭”。${ref} 当前状态：处理中。`);
    expect(actionsOf(stale!.card, SALES_A)).toEqual(['ticket.note']);

    const noted = await click(SALES_A, callerCard, { action: 'ticket.note', ref, text: '地址是朝阳区' });
    expect(noted!.card.privateNotice![SALES_A]).toBe(`${ref} 已添加备注。`);
    const logs = await tickets.logs(SYSTEM, ref);
    expect(logs.ok && logs.value.map((l) => l.text)).toContain('地址是朝阳区');

    const unknown = await click(SALES_A, callerCard, { action: 'ticket.explode', ref });
    expect(unknown!.card.privateNotice![SALES_A]).toContain('这个按钮暂不支持');

    const notAllowed = await click(SALES_B, callerCard, { action: 'ticket.resolve', ref, text: '我来' });
    expect(notAllowed!.card.privateNotice![SALES_B]).toContain('您没有权限对这张工单执行“解决”');
    expect((await ticket(ref)).status).toBe('assigned');
  });

  it('a private note: a button for the agents only, answered privately, stored private, never on a card', async () => {
    await say(SALES_B, '退款一直没有到账，客户投诉');
    const ref = cardRefTo(SALES_B);
    await drain();
    const callerCard = ref;
    const SECRET = '内部：财务系统接口超时，先别告诉客户';
    // Buttons per viewer: the caller has none; both contacts have it, with its one text input.
    expect(actionsOf(card(callerCard), SALES_B)).not.toContain('ticket.note_private');
    for (const agent of [OPS_1, OPS_2]) {
      expect(card(ref).privateActions[agent]!.find((a) => a.action === 'ticket.note_private')).toMatchObject({
        label: '内部备注',
        input: 'text',
        placeholder: '仅处理团队可见',
      });
    }

    const noted = await click(OPS_1, ref, { action: 'ticket.note_private', ref, text: SECRET });
    expect(noted!.forUserId).toBe(OPS_1);
    expect(noted!.card.privateNotice).toEqual({ [OPS_1]: `${ref} 已添加内部备注，仅处理团队可见。` });
    const stored = await tickets.logs(SYSTEM, ref);
    expect(stored.ok && stored.value.map((l) => [l.text, l.visibility, l.author])).toEqual([[SECRET, 'private', 'bjxiaoshouyunying']]);
    const callersView = await tickets.logs({ person: 'bjxiaoshoub', entryPoint: 'chat' }, ref);
    expect(callersView.ok && callersView.value).toEqual([]);

    // No card shows the text, and the caller's card is not even touched by it.
    const updatesBefore = gateway.cards.get(callerCard)!.updates;
    await drain();
    expect(gateway.cards.get(callerCard)!.updates).toBe(updatesBefore);
    for (const view of [card(callerCard), card(ref), noted!.card]) expect(JSON.stringify(view)).not.toContain('财务系统');

    // A forged click by the caller is refused with a sentence, and stores nothing.
    const forged = await click(SALES_B, callerCard, { action: 'ticket.note_private', ref, text: '我也写一条' });
    expect(forged!.card.privateNotice![SALES_B]).toContain('您没有权限对这张工单执行“备注”。');
    expect(actionsOf(forged!.card, SALES_B)).not.toContain('ticket.note_private');
    const after = await tickets.logs(SYSTEM, ref);
    expect(after.ok && after.value).toHaveLength(1);
  });

  it('a pick on an unknown picker is answered by direct message and leaves the card alone', async () => {
    const answer = await click(SALES_A, 'pick-nothing-here', { action: 'intake.pick', service: 'BJ-OPS', subcategory: 'outage' });
    expect(answer).toBeNull();
    expect(lastAnswer(SALES_A)).toContain('选择卡片已失效');
  });

  describe('the picker', () => {
    const AMBIGUOUS = '商城下单失败，页面加载也很慢';

    it('offers only eligible subcategories, matches first; a pick files exactly once', async () => {
      const before = await ticketCount();
      const m = message(SALES_A, AMBIGUOUS);
      await handler.onMessage(m);
      expect(await ticketCount()).toBe(before);
      const pickerId = [...gateway.cards.keys()].find((k) => k.startsWith('pick-') && k.includes(m.msgId))!;
      const picker = card(pickerId);
      const all = picker.privateActions[SALES_A]!;
      expect(all.every((b) => b.action === 'intake.pick')).toBe(true);
      expect(all[all.length - 1]!.params).toEqual({ dismiss: '1' }); // the way out, last
      const buttons = all.slice(0, -1);
      const offered = buttons.map((b) => `${b.params!.service}/${b.params!.subcategory}`);
      expect(offered.slice(0, 2)).toEqual(['BJ-OPS/outage', 'BJ-MALL-PRODUCT/bug']);
      const dir = (await deps.directory.current())!;
      const eligible = eligibleOfferings(dir, dir.person('bjxiaoshoua')!, clock.now()).map((o) => `${o.service.code}/${o.subcategory.code}`);
      expect(offered.sort()).toEqual(eligible.sort());
      expect(offered).not.toContain('BJ-MALL-RD/bugfix');

      const stranger = await click(SALES_B, pickerId, { action: 'intake.pick', service: 'BJ-OPS', subcategory: 'outage' });
      expect(stranger!.card.privateNotice?.[SALES_B]).toContain('只有发消息的人');
      expect(await ticketCount()).toBe(before);

      const [first, second] = await Promise.all([
        click(SALES_A, pickerId, { action: 'intake.pick', service: 'BJ-MALL-PRODUCT', subcategory: 'bug' }),
        click(SALES_A, pickerId, { action: 'intake.pick', service: 'BJ-OPS', subcategory: 'outage' }),
      ]);
      expect(await ticketCount()).toBe(before + 1);
      const ref = refIn(first!.card.privateNotice![SALES_A]!);
      expect(first!.card.privateActions[SALES_A]).toEqual([]);
      expect(second!.card.privateNotice![SALES_A]).toBe(`这条内容已登记为 ${ref}，无需重复选择。`);
      expect(await ticket(ref)).toMatchObject({ service: 'BJ-MALL-PRODUCT', subcategory: 'bug', description: AMBIGUOUS });
      // the picker's draft holds the filing (the message's own key is for the one-match path)
      expect((await deps.cards.draft(pickerId))!.ticketId).toBe((await ticket(ref)).id);
      // The caller's answer is the ticket's card (delivered from the outbox), no text answer.
      await drain();
      expect(gateway.holds(SALES_A, ref)).toBe(true);

      const again = await click(SALES_A, pickerId, { action: 'intake.pick', service: 'BJ-OPS', subcategory: 'outage' });
      expect(again!.card.privateNotice![SALES_A]).toContain(ref);
      expect(await ticketCount()).toBe(before + 1);
    });

    it('a message that matches nothing also gets the picker with every eligible subcategory', async () => {
      const m = message(SALES_A, '你好，想问个问题');
      await handler.onMessage(m);
      const pickerId = [...gateway.cards.keys()].find((k) => k.includes(m.msgId))!;
      expect(card(pickerId).privateActions[SALES_A]).toHaveLength(8 + 1); // and the dismiss button
    });
  });

  describe('people who cannot file get one sentence', () => {
    it('an unknown DingTalk user is told to have an administrator add the account', async () => {
      const before = await ticketCount();
      await say(STRANGER, GRAPES);
      expect(lastAnswer(STRANGER)).toContain('请联系管理员添加您的钉钉账号');
      expect(await ticketCount()).toBe(before);
    });

    it('a merchant whose organisation has no contract is told what to do', async () => {
      await say(MERCHANT_A, GRAPES);
      const text = lastAnswer(MERCHANT_A);
      expect(text).toContain('外部客户');
      expect(text).toContain('没有有效的服务合同');
      expect(text).toContain('代为提交');
    });

    it('a message without text or files is answered with what is understood', async () => {
      await say(SALES_A, null);
      expect(lastAnswer(SALES_A)).toContain('没能读到这条消息的内容');
    });

    it('4,001 characters are refused with the limit; nothing is filed', async () => {
      const before = await ticketCount();
      const cardsBefore = gateway.cards.size;
      await say(SALES_A, '没有送货'.repeat(1000) + '！');
      expect(lastAnswer(SALES_A)).toContain('4000');
      expect(await ticketCount()).toBe(before);
      expect(gateway.cards.size).toBe(cardsBefore);
    });
  });

  describe('groups', () => {
    it('ignores a group message without @', async () => {
      const counts = [gateway.groupMessages.length, gateway.privateAnswers.length, gateway.cards.size, await ticketCount()];
      await say(SALES_A, GRAPES, { conversationType: 'group', conversationId: 'cid-sales', mentioned: false });
      expect([gateway.groupMessages.length, gateway.privateAnswers.length, gateway.cards.size, await ticketCount()]).toEqual(counts);
    });

    it('files when @-mentioned; the card (the answer, no text in the group) goes to the caller\'s direct chat', async () => {
      const groupMessages = gateway.groupMessages.length;
      await say(SALES_B, GRAPES, { conversationType: 'group', conversationId: 'cid-sales', mentioned: true });
      expect(gateway.groupMessages.length).toBe(groupMessages);
      const ref = cardRefTo(SALES_B);
      expect((await ticket(ref)).title).toBe(GRAPES);
      expect(gateway.holds(SALES_B, ref)).toBe(true);
    });
  });

  it('"紧急" raises the urgency: priority 2', async () => {
    await say(SALES_A, '紧急！商户B订了2个苹果，今天没有送货');
    const t = await ticket(cardRefTo(SALES_A));
    expect(t).toMatchObject({ urgency: 1, priority: 2 });
    expect(field(card(`${t.kind === 'request' ? 'R' : 'I'}-${String(t.id).padStart(6, '0')}`), '优先级')).toBe('高（P2）');
    // Already urgent: no Urgent button.
    expect(actionsOf(card(`R-${String(t.id).padStart(6, '0')}`), SALES_A)).not.toContain('ticket.urgent');
  });

  describe('the caller\'s Urgent button: re-checked on the server, then reclassify to urgency 1', () => {
    it('shows on the caller\'s new card only; a click raises the priority, moves TTO earlier, answers one line', async () => {
      await say(SALES_A, '咨询：商户C的发票抬头怎么改');
      const ref = cardRefTo(SALES_A);
      await drain();
      const callerCard = ref;
      expect(actionsOf(card(callerCard), SALES_A)).toContain('ticket.urgent');
      expect(actionsOf(card(ref), OPS_1)).not.toContain('ticket.urgent');
      const before = await ticket(ref);
      expect(before).toMatchObject({ status: 'new', urgency: 3, priority: 3 });

      const answer = await click(SALES_A, callerCard, { action: 'ticket.urgent', ref });
      const after = await ticket(ref);
      expect(after).toMatchObject({ status: 'new', urgency: 1, priority: 2 });
      expect(after.tto.deadline!.getTime()).toBeLessThan(before.tto.deadline!.getTime());
      expect(after.ttr.deadline!.getTime()).toBeLessThan(before.ttr.deadline!.getTime());
      expect(answer!.card.privateNotice![SALES_A]).toBe(
        `${ref} 已标为紧急：优先级 高（P2）；响应时限：12月2日周三 10:30（GMT+8）；解决时限：12月2日周三 15:30（GMT+8）。`,
      );
      expect(field(answer!.card, '优先级')).toBe('高（P2）');
      expect(actionsOf(answer!.card, SALES_A)).toEqual(['ticket.note', 'ticket.cancel']);
      const history = await tickets.history(SYSTEM, ref);
      expect(history.ok && history.value.some((r) => r.actor === 'bjxiaoshoua' && r.changes.some((c) => c.field === 'urgency' && c.to === '1'))).toBe(true);

      const again = await click(SALES_A, callerCard, { action: 'ticket.urgent', ref });
      expect(again!.card.privateNotice![SALES_A]).toBe(`${ref} 已经是紧急，无需重复操作。${ref} 当前状态：新建。`);
      await drain();
    });

    it('a forged click by someone else (another salesperson, a contact) is refused; nothing changes', async () => {
      await say(SALES_A, '咨询一下商户D的收货地址怎么修改');
      const ref = cardRefTo(SALES_A);
      await drain();
      const forged = await click(SALES_B, ref, { action: 'ticket.urgent', ref });
      expect(forged!.card.privateNotice![SALES_B]).toBe(`您没有权限对这张工单执行“标为紧急”。${ref} 当前状态：新建。`);
      const contact = await click(OPS_1, ref, { action: 'ticket.urgent', ref });
      expect(contact!.card.privateNotice![OPS_1]).toBe(`您没有权限对这张工单执行“标为紧急”。${ref} 当前状态：新建。`);
      expect(await ticket(ref)).toMatchObject({ status: 'new', urgency: 3, priority: 3 });
    });

    it('a stale card: once the request is claimed, the click is refused with the current state', async () => {
      await say(SALES_A, '咨询商户E的退款进度');
      const ref = cardRefTo(SALES_A);
      await drain();
      const callerCard = ref;
      expect(actionsOf(card(callerCard), SALES_A)).toContain('ticket.urgent');
      expect((await click(OPS_1, ref, { action: 'ticket.claim', ref }))!.card.status).toBe('assigned');
      const stale = await click(SALES_A, callerCard, { action: 'ticket.urgent', ref });
      expect(stale!.card.privateNotice![SALES_A]).toBe(`这张工单当前状态下不能执行“标为紧急”。${ref} 当前状态：处理中。`);
      expect(actionsOf(stale!.card, SALES_A)).toEqual(['ticket.note']);
      expect(await ticket(ref)).toMatchObject({ status: 'assigned', urgency: 3, priority: 3 });
      await drain();
    });
  });

  it('user text is never amplified: Markdown links and @all are shown inert', async () => {
    await say(SALES_A, '[点这里](http://evil.example) @all 今天没有送货 <font color=red>!</font>');
    const ref = cardRefTo(SALES_A);
    const title = card(ref).title;
    expect(title).not.toContain('](');
    expect(title).not.toContain('@all');
    expect(title).toContain('＠all');
    expect(title).toContain('点这里 (http://evil.example)');
    expect(title).not.toMatch(/<font/);
  });

  describe('commands', () => {
    it('English help for a person whose locale is en', async () => {
      await say(GZ_SALES_EN, 'help');
      const text = lastAnswer(GZ_SALES_EN);
      expect(text).toContain('Commands:');
      expect(text).toContain('my tickets');
    });

    it('帮助 in Chinese', async () => {
      await say(SALES_A, '帮助');
      expect(lastAnswer(SALES_A)).toContain('可用命令');
    });

    it('my tickets lists the caller\'s tickets; queue lists the team\'s open ones; show sends the card', async () => {
      await say(SALES_A, '我的工单');
      const mine = lastAnswer(SALES_A);
      expect(mine).toContain('我的工单');
      expect(mine).toMatch(/R-\d{6}［/);

      await say(OPS_1, '队列');
      const queue = lastAnswer(OPS_1);
      expect(queue).toContain('团队队列');
      expect(queue).toMatch(/R-\d{6}/);

      await say(SALES_A, '队列');
      expect(lastAnswer(SALES_A)).toContain('不属于任何处理团队');

      const ref = refIn(mine);
      expect(gateway.holds(OPS_LEAD, ref)).toBe(false);
      await say(OPS_LEAD, `查看 ${ref.toLowerCase()}`);
      expect(actionsOf(card(ref), OPS_LEAD).length).toBeGreaterThan(0);

      const answers = answersTo(SALES_B);
      await say(SALES_B, `show ${ref}`);
      expect(answersTo(SALES_B)).toBe(answers + 1);
      expect(lastAnswer(SALES_B)).toContain('权限');
    });

    it('English sentences for English readers after filing', async () => {
      await say(GZ_SALES_EN, 'urgent: 400 hotline complaint, customer angry');
      // The card is the answer: its public data in the caller's language.
      const ref = cardRefTo(GZ_SALES_EN);
      expect(field(card(ref), 'Service')).toBe('GZ-销售运营 / 客诉安抚');
      expect(field(card(ref), 'Assign by')).toContain('Wed, Dec 2');
      expect((await ticket(ref)).priority).toBe(2);
    });
  });

  it('a click on a ticket that does not exist is answered privately', async () => {
    const answer = await click(OPS_1, 'R-999999-u-1000000333', { action: 'ticket.claim', ref: 'R-999999' });
    expect(answer).toBeNull();
    expect(lastAnswer(OPS_1)).toContain('找不到工单 R-999999');
  });

  describe('the Form flow: re-checked on the server, bad values refused with a sentence', () => {
    const GZ_OPS = '1000000185'; // gzxiaoshouyunying, contact of gz-sales-ops
    let ref: string;
    const opsCard = () => ref;

    beforeAll(async () => {
      await say(SALES_A, '昨天订的苹果今天没有送货');
      ref = cardRefTo(SALES_A);
      await drain();
      expect((await click(OPS_1, opsCard(), { action: 'ticket.claim', ref }))!.card.status).toBe('assigned');
    });

    it('a non-agent gets no Form, and a forged submission is refused; nothing is written', async () => {
      const callerCard = ref;
      const opened = await click(SALES_B, callerCard, { action: 'ticket.resolve', ref });
      expect(opened!.card.privateForm).toEqual({ [SALES_B]: null });
      expect(opened!.card.privateNotice![SALES_B]).toBe(`您没有权限对这张工单执行“解决”。${ref} 当前状态：处理中。`);
      const forged = await submit(SALES_B, callerCard, { action: 'ticket.resolve', ref, solution: '我自己好了', resolution_code: { index: 0, value: 'assistance' } });
      expect(forged!.card.privateNotice![SALES_B]).toBe(`您没有权限对这张工单执行“解决”。${ref} 当前状态：处理中。`);
      expect(forged!.card.privateForm).toEqual({ [SALES_B]: null });
      expect(await ticket(ref)).toMatchObject({ status: 'assigned', solution: null });
    });

    it.each([
      ['a blank solution', { solution: '   ', resolution_code: 'bug_fixed' }, `请填写解决方案后再提交。${'REF'} 当前状态：处理中。`, { resolution_code: 'bug_fixed' }],
      ['no solution at all', { resolution_code: 'training' }, `请填写解决方案后再提交。${'REF'} 当前状态：处理中。`, { resolution_code: 'training' }],
      ['an unknown resolution code', { solution: '重启了', resolution_code: 'fixed_it' }, `解决类型无效，请从列表中选择。${'REF'} 当前状态：处理中。`, { solution: '重启了' }],
      ['no resolution code', { solution: '重启了' }, `解决类型无效，请从列表中选择。${'REF'} 当前状态：处理中。`, { solution: '重启了' }],
    ])('%s: one line saying what to do, the Form still open with the values, nothing written', async (_name, typed, expected, kept) => {
      const form = formFor(await click(OPS_1, opsCard(), { action: 'ticket.resolve', ref }), OPS_1);
      const answer = await submit(OPS_1, opsCard(), fillForm(form, typed));
      const notice = answer!.card.privateNotice![OPS_1]!;
      expect(notice).toBe(expected.replace('REF', ref));
      expect(notice).not.toContain('\n');
      const again = formFor(answer, OPS_1);
      const shown = wireFields(again).filter((f) => !f.hidden && f.defaultValue !== undefined);
      const defaults = Object.fromEntries(shown.map((f) => [f.name, typeof f.defaultValue === 'object' ? f.defaultValue.value : f.defaultValue]));
      expect(defaults).toEqual(kept);
      expect(await ticket(ref)).toMatchObject({ status: 'assigned', solution: null, resolutionCode: null });
      const history = await tickets.history(SYSTEM, ref);
      expect(history.ok && history.value.map((h) => h.action)).not.toContain('resolve');
    });

    it('a stale card: the Form opened, then the ticket was put on hold; the submission is refused with the current state', async () => {
      const form = formFor(await click(OPS_1, opsCard(), { action: 'ticket.resolve', ref }), OPS_1);
      expect((await tickets.pend({ person: 'bjyunyingzg', entryPoint: 'chat' }, ref, '等仓库回复')).ok).toBe(true);
      const answer = await submit(OPS_1, opsCard(), fillForm(form, { solution: '已补发', resolution_code: 'assistance' }));
      expect(answer!.card.status).toBe('pending');
      expect(answer!.card.privateNotice![OPS_1]).toBe(`这张工单当前状态下不能执行“解决”。${ref} 当前状态：挂起。`);
      expect(answer!.card.privateForm).toEqual({ [OPS_1]: null });
      expect(await ticket(ref)).toMatchObject({ status: 'pending', solution: null });
      // and on the stale card, Resolve no longer opens a Form
      const reopened = await click(OPS_1, opsCard(), { action: 'ticket.resolve', ref });
      expect(reopened!.card.privateForm).toEqual({ [OPS_1]: null });
      expect(reopened!.card.privateNotice![OPS_1]).toContain('当前状态：挂起');
    });

    it('the caller closes in English: a rating outside 1–4 is refused in English, then satisfaction and comment are saved', async () => {
      await say(GZ_SALES_EN, 'urgent: 400 hotline complaint again, the customer is angry');
      const gzRef = cardRefTo(GZ_SALES_EN);
      await drain();
      const opsCardId = gzRef;
      await click(GZ_OPS, opsCardId, { action: 'ticket.claim', ref: gzRef });
      const resolveForm = formFor(await click(GZ_OPS, opsCardId, { action: 'ticket.resolve', ref: gzRef }), GZ_OPS);
      expect((await submit(GZ_OPS, opsCardId, fillForm(resolveForm, { solution: '已回电安抚', resolution_code: 'assistance' })))!.card.status).toBe('resolved');
      await drain();

      const callerCard = gzRef;
      const opened = await click(GZ_SALES_EN, callerCard, { action: 'ticket.close', ref: gzRef });
      expect(opened!.card.privateNotice![GZ_SALES_EN]).toBe(`Rate how ${gzRef} was handled below (a comment is optional), then submit to close it.`);
      const form = formFor(opened, GZ_SALES_EN);
      expect(form.fields.find((f) => f.name === 'satisfaction')!.label).toBe('Satisfaction');

      const bad = await submit(GZ_SALES_EN, callerCard, { ...fillForm(form, { comment: 'ok' }), satisfaction: { index: 4, value: '5' } });
      expect(bad!.card.privateNotice![GZ_SALES_EN]).toBe(`Satisfaction must be 1 (very satisfied) to 4 (very dissatisfied). ${gzRef} is now: Resolved.`);
      expect(formFor(bad, GZ_SALES_EN).fields.find((f) => f.name === 'comment')!.defaultValue).toBe('ok');
      const none = await submit(GZ_SALES_EN, callerCard, fillForm(form, { comment: 'no rating' }));
      expect(none!.card.privateNotice![GZ_SALES_EN]).toContain('Satisfaction must be 1');
      expect(await ticket(gzRef)).toMatchObject({ status: 'resolved', satisfaction: null, satisfactionComment: null });

      const done = await submit(GZ_SALES_EN, callerCard, fillForm(form, { satisfaction: '3', comment: 'took two days' }));
      expect(done!.card.privateNotice![GZ_SALES_EN]).toBe(`${gzRef} closed. Thank you!`);
      expect(done!.card.privateForm).toEqual({ [GZ_SALES_EN]: null });
      expect(await ticket(gzRef)).toMatchObject({ status: 'closed', satisfaction: 3, satisfactionComment: 'took two days' });
    });

    it('the quick Close buttons still close in one click, without a Form', async () => {
      await say(SALES_B, '商户C的订单今天没有送货');
      const r = cardRefTo(SALES_B);
      await drain();
      await click(OPS_2, r, { action: 'ticket.claim', ref: r });
      await click(OPS_2, r, { action: 'ticket.resolve', ref: r, solution: '已补发', resolution_code: 'assistance' });
      const answer = await click(SALES_B, r, { action: 'ticket.close', ref: r, satisfaction: '1' });
      expect(answer!.card.status).toBe('closed');
      expect(answer!.card.privateForm).toEqual({ [SALES_B]: null });
      expect(await ticket(r)).toMatchObject({ satisfaction: 1, satisfactionComment: null });
    });
  });
});
