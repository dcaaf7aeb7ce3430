/** The change card's and change picker's listeners (docs/changes.md §3), registered on the chat router. */
import { ACTION_IDS } from '../action-ids';
import type { ChatLayerDeps } from '../chat-deps';
import type { ChatRouter } from '../router';
import type { ChatMessageContext } from '../listeners/message-gate';
import { changeCardAction, requestFromPicker } from '../listeners/changes/change-card-action';

export function registerChangeListeners(router: ChatRouter<ChatMessageContext>, deps: ChatLayerDeps): void {
  const steps = [
    [ACTION_IDS.changeClaim, 'claim'],
    [ACTION_IDS.changeApprove, 'approve'],
    [ACTION_IDS.changeReject, 'reject'],
    [ACTION_IDS.changeDone, 'done'],
    [ACTION_IDS.changeFailed, 'failed'],
    [ACTION_IDS.changePassed, 'passed'],
    [ACTION_IDS.changeResubmit, 'resubmit'],
    [ACTION_IDS.changeCancel, 'cancel'],
  ] as const;
  for (const [id, type] of steps) router.action(id, (action, log) => changeCardAction(deps, action, type, log));
  router.action(ACTION_IDS.changeRequest, (action, log) => requestFromPicker(deps, action, log));
}
