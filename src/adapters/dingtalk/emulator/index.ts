export {
  DingTalkEmulator,
  createDingTalkEmulator,
  startDingTalkEmulator,
  type ClickCardInput,
  type ClickResult,
  type DingTalkEndpoints,
  type RunningDingTalkEmulator,
  type SendRobotMessageInput,
  type SentRobotMessage,
} from './dingtalk-emulator';
export { EmulatorFaults } from './emulator-faults';
export type * from './emulator.types';
