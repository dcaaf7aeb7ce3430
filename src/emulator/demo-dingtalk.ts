/**
 * The emulator as the demo runs it (demo mode: no DingTalk credentials and no DATABASE_URL, or DINGTALK_EMULATOR=1):
 * the directory's active people and one sales group, credentials generated per start. The composition root mounts
 * its router on the bot's own HTTP server, attaches it to that server (Stream WebSocket upgrades) and hands
 * `demoDingTalkSettings` to the real DingTalk adapter.
 */
import { type Log } from '../domain/ports/log.port';
import { createDingTalkEmulator, type DingTalkEmulator } from './dingtalk-emulator';
import type { EmulatorPerson } from './emulator.types';

/** Card template used with the emulator (it renders any template from the data). */
export const DEMO_CARD_TEMPLATE_ID = 'itop-ticket-card.schema';

export function createDemoDingTalk(options: { people: EmulatorPerson[]; logger: Log; qpsLimit?: number }): DingTalkEmulator {
  return createDingTalkEmulator({
    people: options.people,
    groups: [{ title: '销售服务群 Sales service group' }],
    apiQpsLimit: options.qpsLimit ?? 0,
    logger: options.logger,
  });
}

/** The DingTalk settings (Stream mode) that point the real adapter at this emulator; after `attach(server)`. */
export function demoDingTalkSettings(emulator: DingTalkEmulator) {
  return { mode: 'stream' as const, ...emulator.credentials(), ...emulator.endpoints(), cardTemplateId: DEMO_CARD_TEMPLATE_ID };
}
