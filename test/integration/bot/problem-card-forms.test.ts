/**
 * The problem card's Forms and the link/unlink commands (docs/domain.md §9, docs/interfaces.md "Problems"), through
 * the chat layer with Form submissions parsed by the real DingTalk callback parser: Resolve problem (root cause +
 * workaround/solution, refused values keep the Form open), Link a ticket / Unlink a ticket on the problem's card,
 * Add to problem / Remove from problem on a request's card, `问题关联` / `问题移出`. Everyone else is refused with a
 * sentence and nothing changes; linked tickets' cards show, then stop showing, the problem.
 */
import { createChatHandler } from '../../../src/bot/app/chat-app';
import type { CardForm } from '../../../src/domain/ports/chat-gateway.port';
import type { ChatInboundHandler } from '../../../src/domain/ports/chat-inbound.port';
import { SYSTEM_ACTOR } from '../../../src/domain/tickets/actor';
import { refOf, type Ticket } from '../../../src/domain/tickets/ticket';
import { fillForm, formSubmit } from '../../support/card-form';
import { chatHarness, drainingHandler, type ChatHarness } from '../../support/chat-harness';

// zbshangchengcp: problem manager of bj-product-mall (a team of the delivery model serving bj-sales).
const U = { pm: '1000000370', ops: '1000000333', lead: '1000009001', admin: '1000000703', salesA: '1000000259' };
const PM = 'zbshangchengcp';

describe('problem card Forms, link and unlink', () => {
  let h: ChatHarness;
  let handler: ChatInboundHandler;

  beforeEach(async () => {
    h = await chatHarness();
    handler = drainingHandler(h, createChatHandler(h.deps));
  });
  afterEach(() => h.close());

  const click = (userId: string, card: string, params: Record<string, string>) => handler.onCardAction(h.cardAction(userId, card, params));
  const submit = (userId: string, card: string, form: CardForm, typed: Record<string, string>) =>
    handler.onCardAction(formSubmit(userId, card, fillForm(form, typed)));
  const say = (userId: string, text: string) => handler.onMessage(h.message(userId, text));
  const lastAnswer = (userId: string) => h.gateway.privateAnswers.filter((m) => m.userId === userId).at(-1)?.message.text ?? '';
  const ticket = async (ref: string): Promise<Ticket> => {
    const t = await h.tickets.get(SYSTEM_ACTOR, ref);
    if (!t.ok) throw new Error(t.error.code);
    return t.value;
  };
  const ask = async (person: string, text: string): Promise<string> => {
    const r = await h.tickets.open({ person, entryPoint: 'chat' }, { service: 'BJ-SALES-OPS', subcategory: 'consult', description: text });
    if (!r.ok) throw new Error(r.error.code);
    await h.drain();
    return refOf(r.value);
  };
  const makeProblem = async (refs: string[]): Promise<string> => {
    const p = await h.tickets.makeProblem({ person: PM, entryPoint: 'chat' }, { refs, title: '配送单不显示' });
    if (!p.ok) throw new Error(p.error.code);
    await h.drain();
    return refOf(p.value);
  };
  const formOf = (answer: Awaited<ReturnType<typeof click>>, userId: string): CardForm => {
    const form = answer?.card.privateForm?.[userId];
    if (!form) throw new Error(`no Form for ${userId}: ${answer?.card.privateNotice?.[userId] ?? 'no answer'}`);
    return form;
  };
  const problemField = (card: { fields: Array<{ label: string; value: string }> } | undefined) => card?.fields.find((f) => f.label === '问题')?.value;

  it('Resolve problem opens a Form; missing values keep it open with a sentence; a full submission resolves it', async () => {
    const a = await ask('bjxiaoshoua', '配送单在系统里看不到');
    const p = await makeProblem([a]);

    // not allowed: no Form, a sentence, nothing changed
    const refused = await click(U.ops, p, { action: 'problem.resolve' });
    expect(refused?.card.privateForm?.[U.ops]).toBeFalsy();
    expect(refused?.card.privateNotice?.[U.ops]).toMatch(/不能|无权|只有|权限|没有/);

    const opened = await click(U.pm, p, { action: 'problem.resolve' });
    expect(opened?.card.privateNotice?.[U.pm]).toBe(`请在下方填写根本原因，以及临时方案或解决方案，提交后 ${p} 即解决。`);
    const form = formOf(opened, U.pm);
    expect(form.fields.filter((f) => !f.hidden).map((f) => [f.name, !!f.required])).toEqual([
      ['root_cause', true],
      ['workaround', false],
      ['solution', false],
    ]);
    expect((await ticket(p)).status).toBe('assigned');

    const noRoot = await submit(U.pm, p, form, { root_cause: '', workaround: '刷新页面' });
    expect(noRoot?.card.privateNotice?.[U.pm]).toContain('根本原因');
    expect(formOf(noRoot, U.pm).fields.find((f) => f.name === 'workaround')?.defaultValue).toBe('刷新页面');
    const noFix = await submit(U.pm, p, form, { root_cause: '索引损坏' });
    expect(noFix?.card.privateNotice?.[U.pm]).toContain('临时方案或解决方案');
    expect(formOf(noFix, U.pm)).toBeTruthy();
    expect((await ticket(p)).status).toBe('assigned');

    const done = await submit(U.pm, p, form, { root_cause: '索引损坏', solution: '重建索引' });
    expect(done?.card.privateForm?.[U.pm]).toBeNull();
    expect(done?.card.privateNotice?.[U.pm]).toContain('已解决');
    expect(await ticket(p)).toMatchObject({ status: 'resolved', rootCause: '索引损坏', solution: '重建索引', workaround: null });
    // resolved: no Resolve button any more
    expect(done?.card.privateActions[U.pm]?.map((x) => x.action)).not.toContain('problem.resolve');
  });

  it('Link a ticket / Unlink a ticket on the problem\'s card; the linked ticket\'s card shows, then stops showing, the problem', async () => {
    const a = await ask('bjxiaoshoua', '配送单在系统里看不到');
    const b = await ask('bjxiaoshoub', '系统里找不到今天的配送单');
    const p = await makeProblem([a]);
    expect(problemField(h.gateway.cards.get(b)?.card)).toBeUndefined();

    // someone else: no Form, refused, nothing linked
    const refused = await click(U.ops, p, { action: 'problem.link' });
    expect(refused?.card.privateForm?.[U.ops]).toBeFalsy();
    expect(refused?.card.privateNotice?.[U.ops]).toContain('问题经理');

    const form = formOf(await click(U.pm, p, { action: 'problem.link' }), U.pm);
    const bad = await submit(U.pm, p, form, { ref: 'R-999999' });
    expect(formOf(bad, U.pm)).toBeTruthy();
    expect((await ticket(b)).problem).toBeNull();
    const linked = await submit(U.pm, p, form, { ref: b.toLowerCase().replace('-0000', '') });
    expect(linked?.card.privateNotice?.[U.pm]).toBe(`${b} 已归入问题 ${p}。`);
    expect(linked?.card.ref).toBe(p);
    expect((await ticket(b)).problem).toBe(Number(p.slice(2)));
    expect(problemField(h.gateway.cards.get(b)?.card)).toBe(p);
    const history = await h.tickets.history(SYSTEM_ACTOR, p);
    expect(history.ok && history.value.filter((x) => x.action === 'problem_link')).toHaveLength(2);

    // Unlink: refused for others (no Form); only a ticket of this problem
    const noForm = await click(U.lead, p, { action: 'problem.unlink' });
    expect(noForm?.card.privateForm?.[U.lead]).toBeFalsy();
    expect(noForm?.card.privateNotice?.[U.lead]).toContain('问题经理');
    const other = await ask('bjxiaoshoua', '另一个问题：发票打不出来');
    const q = await makeProblem([other]);
    const unlinkForm = formOf(await click(U.pm, p, { action: 'problem.unlink' }), U.pm);
    const elsewhere = await submit(U.pm, p, unlinkForm, { ref: other });
    expect(elsewhere?.card.privateNotice?.[U.pm]).toContain(q);
    expect((await ticket(other)).problem).toBe(Number(q.slice(2)));
    const unlinked = await submit(U.pm, p, unlinkForm, { ref: b });
    expect(unlinked?.card.privateNotice?.[U.pm]).toBe(`${b} 已移出问题。`);
    expect((await ticket(b)).problem).toBeNull();
    expect(problemField(h.gateway.cards.get(b)?.card)).toBeUndefined();
  });

  it('Add to problem / Remove from problem on a request\'s card, and the chat commands; refusals change nothing', async () => {
    const a = await ask('bjxiaoshoua', '配送单在系统里看不到');
    const b = await ask('bjxiaoshoub', '系统里找不到今天的配送单');
    const p = await makeProblem([a]);

    // Add to problem: refused for anyone but the problem's team's problem managers and administrators
    for (const who of [U.ops, U.lead]) {
      const refused = await click(who, b, { action: 'problem.link', text: p });
      expect(refused?.card.privateNotice?.[who]).toContain('问题经理');
    }
    expect((await ticket(b)).problem).toBeNull();
    // with its text input; without it, a Form asking the problem's number
    const opened = await click(U.pm, b, { action: 'problem.link' });
    expect(formOf(opened, U.pm).fields.filter((f) => !f.hidden).map((f) => f.name)).toEqual(['problem']);
    const added = await click(U.pm, b, { action: 'problem.link', text: p });
    expect(added?.card.privateNotice?.[U.pm]).toBe(`${b} 已归入问题 ${p}。`);
    expect(problemField(added?.card)).toBe(p);
    expect(added?.card.privateActions[U.pm]?.map((x) => x.action)).toContain('problem.unlink');

    // Remove from problem: refused for the service team's contact and the caller; done for the problem manager
    for (const who of [U.ops, U.salesA]) {
      const refused = await click(who, b, { action: 'problem.unlink' });
      expect(refused?.card.privateNotice?.[who]).toContain('问题经理');
    }
    expect((await ticket(b)).problem).toBe(Number(p.slice(2)));
    const removed = await click(U.pm, b, { action: 'problem.unlink' });
    expect(removed?.card.privateNotice?.[U.pm]).toBe(`${b} 已移出问题。`);
    expect(problemField(removed?.card)).toBeUndefined();

    // Commands
    await say(U.ops, `问题关联 ${b} ${p}`);
    expect(lastAnswer(U.ops)).toContain('问题经理');
    expect((await ticket(b)).problem).toBeNull();
    await say(U.pm, `问题关联 ${b} ${p}`);
    expect(lastAnswer(U.pm)).toBe(`${b} 已归入问题 ${p}。`);
    expect(problemField(h.gateway.cards.get(b)?.card)).toBe(p);
    await say(U.pm, `问题关联 ${b} ${p}`);
    expect(lastAnswer(U.pm)).toContain('已归入某个问题');
    await say(U.lead, `问题移出 ${b}`);
    expect(lastAnswer(U.lead)).toContain('问题经理');
    expect((await ticket(b)).problem).toBe(Number(p.slice(2)));
    await say(U.admin, `problem unlink ${b}`);
    expect(lastAnswer(U.admin)).toContain(b);
    expect((await ticket(b)).problem).toBeNull();
    await say(U.pm, `问题关联 ${b}`);
    expect(lastAnswer(U.pm)).toContain('用法：问题关联');
  });
});
