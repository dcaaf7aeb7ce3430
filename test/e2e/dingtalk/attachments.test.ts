/**
 * Attachments and voice end to end (docs/domain.md "Attachments"): the whole bot on a real MariaDB, the emulator on
 * its own server reached by URL, the real dingtalk-stream client. People send pictures, files and voice through the
 * emulator; the bot downloads them through `messageFiles/download`, stores them with the ticket (bytes in the
 * database), uploads the first picture as the card's thumbnail; an oversized or program file gets a sentence and
 * nothing is stored; a re-pushed frame stores nothing twice.
 */
import { loadConfig } from '../../../src/adapters/config/load-config';
import { createLogger } from '../../../src/adapters/logging/logger';
import { openDatabase, type Database } from '../../../src/adapters/persistence/data-source';
import { TypeormAttachmentStore } from '../../../src/adapters/persistence/typeorm-attachment-store';
import type { DingTalkEmulator } from '../../../src/emulator';
import type { Ticket } from '../../../src/domain/tickets/ticket';
import { createBot, type Bot } from '../../../src/main';
import { pickerCardId } from '../../../src/bot/views/cards/card-ids';
import { DEMO_FILE } from '../../support/demo';
import { createScratchMysqlDatabase, mysqlAvailable } from '../../support/services';

const SALES_A = '1000000259'; // bjxiaoshoua
const SALES_B = '1000000296'; // bjxiaoshoub
const CONTACT = '1000000333'; // bjxiaoshouyunying, contact of BJ-销售运营
const SYSTEM = { person: 'system', entryPoint: 'system' as const };
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const refOf = (t: Ticket) => `${t.kind === 'incident' ? 'I' : 'R'}-${String(t.id).padStart(6, '0')}`;

(mysqlAvailable() ? describe : describe.skip)('attachments and voice through the emulator (MariaDB, dingtalk-stream)', () => {
  let app: Bot;
  let emu: DingTalkEmulator;
  let db: Database;
  let store: TypeormAttachmentStore;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await createScratchMysqlDatabase('attachments');
    drop = scratch.drop;
    // 0.05 MB: a 60 KB file is over the limit without moving megabytes around.
    const cfg = loadConfig({
      DATABASE_URL: scratch.url,
      DINGTALK_EMULATOR: '1',
      DIRECTORY_FILE: DEMO_FILE,
      HTTP_PORT: '0',
      DINGTALK_API_QPS: '0',
      ATTACHMENT_MAX_MB: '0.05',
    });
    if (!cfg.ok) throw new Error(cfg.error.join('; '));
    app = await createBot(cfg.value, createLogger({ level: 'error', format: 'json', silent: true }), { reconcileMs: 500 });
    emu = app.emulator!;
    await emu.waitFor(() => emu.liveConnectionCount() > 0, 10_000, 'the bot to connect');
    db = await openDatabase({ url: scratch.url });
    store = new TypeormAttachmentStore(db.gate);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await drop?.();
  });

  const answers = (userId: string) => emu.messagesReceivedBy(userId).filter((e) => e.fromUserId === null && e.kind !== 'card').map((e) => e.text ?? '');
  const answered = async (userId: string, part: string) => emu.waitFor(() => answers(userId).some((t) => t.includes(part)), 8000, `an answer with "${part}"`);
  const attachRows = async () => (await db.ds.query('SELECT COUNT(*) AS n FROM ticket_attachments')) as Array<{ n: number | string }>;
  const countAll = async () => Number((await attachRows())[0]!.n);

  async function fileByText(userId: string, text: string): Promise<Ticket> {
    emu.sendRobotMessage({ fromUserId: userId, text });
    for (let i = 0; i < 200; i++) {
      const r = await app.tickets.list(SYSTEM, { scope: 'by_state', states: ['new'] }, 50);
      const t = r.ok ? r.value.find((x) => x.description === text) : undefined;
      if (t) {
        await emu.waitFor(() => emu.card(refOf(t))?.spaces.some((s) => s.id === userId) ?? false, 8000, 'the caller card');
        return t;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`not filed: ${text}`);
  }

  it('a picture right after a filing is stored with that ticket, listed on its card with an uploaded thumbnail', async () => {
    const t = await fileByText(SALES_A, '商户A昨天订了1斤葡萄，今天没有送货');
    emu.sendRobotMessage({ fromUserId: SALES_A, msgtype: 'picture', file: { bytes: PNG, contentType: 'image/png' } });
    await answered(SALES_A, `已添加到 ${refOf(t)}：picture-1.png`);
    const [a] = await store.list(t.id);
    expect(a).toMatchObject({ kind: 'picture', name: 'picture-1.png', contentType: 'image/png', size: PNG.length, addedBy: 'bjxiaoshoua' });
    expect(Buffer.from((await store.content(a!.id))!.content).equals(PNG)).toBe(true);
    // The thumbnail: the image uploaded through media/upload, its media id on the card; the list as JSON.
    expect(a!.mediaId).toMatch(/^@lA/);
    expect(emu.files.mediaOf(a!.mediaId!)?.bytes.equals(PNG)).toBe(true);
    await emu.waitFor(() => emu.card(refOf(t))?.publicData.image === a!.mediaId, 8000, 'the card thumbnail');
    expect(JSON.parse(emu.card(refOf(t))!.publicData.attachments!)).toEqual([{ name: 'picture-1.png', kind: 'picture', size: PNG.length }]);
    expect(emu.card(refOf(t))!.publicData.fields).toContain('picture-1.png');
    expect(emu.apiCallCounts()['robot.messageFiles.download']).toBeGreaterThanOrEqual(1);
  });

  it('an oversized file and a program are refused with a sentence; nothing of them is stored', async () => {
    const before = await countAll();
    emu.sendRobotMessage({ fromUserId: SALES_A, msgtype: 'file', file: { bytes: Buffer.alloc(60 * 1024, 1), contentType: 'application/pdf', name: 'big.pdf' } });
    await answered(SALES_A, '超过附件上限 0.05 MB，未保存');
    emu.sendRobotMessage({ fromUserId: SALES_A, msgtype: 'file', file: { bytes: Buffer.from('MZ'), contentType: 'application/octet-stream', name: 'fix.exe' } });
    await answered(SALES_A, '不能保存「fix.exe」这类文件');
    expect(await countAll()).toBe(before);
  });

  it('附件 R-… then a file: the file goes to that ticket (here an agent of its team)', async () => {
    const t = await fileByText(SALES_B, '商户B昨天订了2个苹果，今天也没有送货');
    emu.sendRobotMessage({ fromUserId: CONTACT, text: `附件 ${refOf(t)}` });
    await answered(CONTACT, `附到 ${refOf(t)}`);
    emu.sendRobotMessage({ fromUserId: CONTACT, msgtype: 'file', file: { bytes: Buffer.from('delivery log\n'), contentType: 'text/plain', name: 'delivery.log' } });
    await answered(CONTACT, `已添加到 ${refOf(t)}：delivery.log`);
    expect((await store.list(t.id)).map((a) => [a.name, a.addedBy])).toEqual([['delivery.log', 'bjxiaoshouyunying']]);
    const history = await app.tickets.history(SYSTEM, refOf(t));
    expect(history.ok && history.value.filter((h) => h.action === 'attach').map((h) => h.actor)).toEqual(['bjxiaoshouyunying']);
    // The wait is used: the next file is not attached to anything by it.
    emu.sendRobotMessage({ fromUserId: CONTACT, msgtype: 'file', file: { bytes: Buffer.from('x'), contentType: 'text/plain', name: 'again.log' } });
    await answered(CONTACT, '你没有未关闭的工单，未保存');
    expect((await store.list(t.id)).length).toBe(1);
  });

  it('a voice message is filed from its recognition, the speaker told so, the recording kept', async () => {
    const heard = '商户C昨天订了3斤香蕉，今天没有送货';
    const sent = emu.sendRobotMessage({ fromUserId: SALES_B, msgtype: 'audio', file: { bytes: Buffer.from('#!AMR\nvoice'), contentType: 'audio/amr', recognition: heard } });
    await answered(SALES_B, `按语音识别：${heard}`);
    let t: Ticket | null = null;
    for (let i = 0; i < 200 && !t; i++) {
      t = await app.tickets.filedFrom(sent.msgId);
      if (!t) await new Promise((r) => setTimeout(r, 50));
    }
    expect(t).toMatchObject({ description: heard, caller: 'bjxiaoshoub' });
    await emu.waitFor(() => answers(SALES_B).some((x) => x.includes(`已添加到 ${refOf(t!)}`)), 8000, 'the recording stored');
    expect((await store.list(t!.id)).map((a) => [a.kind, a.contentType])).toEqual([['audio', 'audio/amr']]);

    // The same frame pushed again: acknowledged, one effect only.
    const count = await countAll();
    expect(emu.redeliver(sent.messageId)).toBe(true);
    await emu.waitForAcks(sent.messageId, 2, 8000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await countAll()).toBe(count);
    const r = await app.tickets.list(SYSTEM, { scope: 'by_state', states: ['new'] }, 50);
    expect(r.ok && r.value.filter((x) => x.description === heard).length).toBe(1);
  });

  it('a voice message whose words get the picker: the recording goes with the request the pick files', async () => {
    const heard = '请帮我看看这个情况';
    const sent = emu.sendRobotMessage({ fromUserId: SALES_A, msgtype: 'audio', file: { bytes: Buffer.from('#!AMR\npicker'), contentType: 'audio/amr', recognition: heard } });
    await answered(SALES_A, `按语音识别：${heard}`);
    const picker = pickerCardId(sent.msgId);
    await emu.waitFor(() => emu.card(picker) !== undefined, 8000, 'the picker');
    // The recording is parked (no ticket yet) under the picker's id.
    const parked = async () => Number(((await db.ds.query('SELECT COUNT(*) AS n FROM ticket_attachments WHERE source_msg = ? AND ticket_id = 0', [picker])) as Array<{ n: number | string }>)[0]!.n);
    for (let i = 0; i < 160 && (await parked()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await parked()).toBe(1);
    await emu.clickCard({ outTrackId: picker, userId: SALES_A, params: { action: 'intake.pick', service: 'BJ-SALES-OPS', subcategory: 'consult' } });
    let t: Ticket | undefined;
    for (let i = 0; i < 200 && !t; i++) {
      const r = await app.tickets.list(SYSTEM, { scope: 'by_state', states: ['new'] }, 50);
      t = r.ok ? r.value.find((x) => x.description === heard) : undefined;
      if (!t) await new Promise((r) => setTimeout(r, 50));
    }
    expect(t).toBeDefined();
    for (let i = 0; i < 100 && (await store.list(t!.id)).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await store.list(t!.id)).map((a) => [a.kind, a.addedBy])).toEqual([['audio', 'bjxiaoshoua']]);
    expect(await parked()).toBe(0);
  });

  it('a picture from someone with no recent filing and no 附件 is not stored: they are told how to attach', async () => {
    const before = await countAll();
    emu.sendRobotMessage({ fromUserId: '1000000555', msgtype: 'picture', file: { bytes: PNG, contentType: 'image/png' } });
    await emu.waitFor(() => answers('1000000555').some((x) => x.includes('未保存')), 8000, 'the sentence');
    expect(await countAll()).toBe(before);
  });
});
