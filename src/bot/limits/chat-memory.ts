/**
 * What the chat layer remembers in memory, per chat layer instance (i.e. per process): the filing rate window and
 * the administrators' alert days. Kept beside the dependencies rather than in them, so every entry point that is
 * handed the same `ChatLayerDeps` shares one memory, and tests get a fresh one with fresh deps.
 */
import type { ChatLayerDeps } from '../chat/chat-deps';
import { AdminAlertMemory } from './admin-alert-memory';
import { FilingRateLimit } from './filing-rate-limit';

export interface ChatMemory {
  filing: FilingRateLimit;
  adminAlerts: AdminAlertMemory;
}

const memories = new WeakMap<ChatLayerDeps, ChatMemory>();

export function chatMemoryOf(deps: ChatLayerDeps): ChatMemory {
  let memory = memories.get(deps);
  if (!memory) {
    memory = { filing: new FilingRateLimit(), adminAlerts: new AdminAlertMemory() };
    memories.set(deps, memory);
  }
  return memory;
}
