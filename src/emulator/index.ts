export {
  DingTalkEmulator,
  createDingTalkEmulator,
  startDingTalkEmulator,
  type DingTalkEndpoints,
  type RunningDingTalkEmulator,
} from './dingtalk-emulator';
export { EmulatorFaults } from './emulator-faults';
export type * from './emulator.types';
export { createDemoDingTalk, demoDingTalkSettings, DEMO_CARD_TEMPLATE_ID } from './demo-dingtalk';
