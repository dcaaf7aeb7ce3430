/**
 * The real `dingtalk-stream` client against the emulator with an inbox that fails while the "database" is down:
 * frames are spooled and acknowledged like stored ones, then drained once the inbox answers, each acted on once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SpoolDrainer } from '../../../src/adapters/dingtalk/inbound/spool-drainer';
import { FileSpool } from '../../../src/adapters/spool/file-spool';
import { startHarness, type Harness } from '../../support/dingtalk/dingtalk-harness';
import { FlakyInboxStore } from '../../support/dingtalk/flaky-inbox.store';

describe('Stream receiver ↔ emulator, inbox down', () => {
  let h: Harness;
  let dir: string;
  let drainer: SpoolDrainer | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stream-spool-'));
  });
  afterEach(async () => {
    await drainer?.stop();
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('spools and acknowledges messages and a card click while the inbox fails, and drains each once when it is back', async () => {
    const inbox = new FlakyInboxStore();
    const spool = new FileSpool({ dir });
    h = await startHarness({ inbox, spool });
    const emu = h.running.emulator;
    emu.sendRobotMessage({ fromUserId: 'u-alice', text: 'laptop broken' });
    await emu.waitFor(() => emu.cards().length === 2, 3000, 'cards');

    inbox.down = true;
    const sent = [emu.sendRobotMessage({ fromUserId: 'u-alice', text: '打印机卡纸' }), emu.sendRobotMessage({ fromUserId: 'u-carol', text: 'VPN down' })];
    for (const s of sent) expect((await emu.waitForAcks(s.messageId))[0]).toMatchObject({ code: 200, data: { response: null } });
    const click = await emu.clickCard({ outTrackId: 'R-000001-contact', userId: 'u-bob', params: { action: 'ticket.claim', ref: 'R-000001' } });
    expect(click.ack).toMatchObject({ code: 200, data: { response: null } });
    expect(h.handler.messages).toHaveLength(1);
    expect(spool.stats()).toMatchObject({ frames: 3 });

    drainer = new SpoolDrainer(spool, h.pipeline, h.logger, { everyMs: 50 });
    drainer.start();
    await new Promise((r) => setTimeout(r, 200));
    expect(spool.stats().frames).toBe(3); // still down: nothing lost, nothing moved
    inbox.down = false;
    await emu.waitFor(() => spool.stats().frames === 0, 3000, 'spool drained');
    await emu.waitFor(() => h.handler.messages.length === 3 && h.handler.actions.length === 1, 3000, 'processed');
    await emu.waitFor(() => emu.cardViewFor('R-000001-contact', 'u-bob')?.status === 'assigned', 3000, 'late card update');
    expect(h.handler.messages.map((m) => m.text)).toEqual(['laptop broken', '打印机卡纸', 'VPN down']);
    expect(inbox.puts).toBe(4);
    for (const s of sent) await emu.waitFor(() => inbox.get(s.msgId)?.doneAt != null, 3000, 'inbox row done');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
