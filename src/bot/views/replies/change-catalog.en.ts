/** English words of changes (see change-catalog.ts for the placeholders). */
import type { ChangeErrorCode } from '../../../domain/errors/change.errors';
import type { ChangeCatalog } from './change-words';

export const CHANGE_ERRORS_EN: Record<ChangeErrorCode, string> = {
  'CHANGE.UNKNOWN_TEMPLATE': 'There is no change template "{template}"; send "change" to see the templates you may request.',
  'CHANGE.NOT_A_REQUESTER': 'You may not request a "{template}" change; ask a team that may, or send "change" to see the templates you may request.',
  'CHANGE.NOT_FOUND': 'There is no change {ref}; please check the number.',
  'CHANGE.NOT_STEP_TEAM': 'The current step of {ref}, "{step}", is worked by team {team}, which you are not in; nothing was changed.',
  'CHANGE.NOT_REQUESTER': 'Only the requester of {ref} (or an administrator) may resubmit or cancel it.',
  'CHANGE.NOT_CURRENT_STEP': 'That button is for a step that is no longer current: {ref} is at "{step}" ({team}); nothing was changed.',
  'CHANGE.WRONG_STATE': '{ref} cannot take that action in its current state (current step "{step}"); nothing was changed.',
  'CHANGE.WRONG_KIND': 'The step "{step}" does not take that action; please use the buttons on the card.',
  'CHANGE.REASON_REQUIRED': 'Please give a reason, then submit again.',
  'CHANGE.TITLE_REQUIRED': 'Please add a title, e.g.: change {template} fix the order failure',
  'CHANGE.NO_REQUESTER_TEAM': 'A step of "{template}" is worked by the requester\'s team, but you belong to no team; please ask an administrator.',
  'CHANGE.BAD_LINK': '{ref} is neither a problem (P-…) nor an incident (I-…); a change links only those: check the ref and send it again.',
};

export const changeCatalogEn: ChangeCatalog = {
  state: { draft: 'Draft', in_progress: 'In progress', returned: 'Returned to the requester', successful: 'Successful', failed: 'Failed', cancelled: 'Cancelled' },
  stepState: { waiting: 'Waiting', claimed: 'Claimed', passed: 'Passed', failed: 'Failed' },
  kind: { approve: 'approve', implement: 'implement', verify: 'verify' },
  button: {
    claim: { label: 'Claim', placeholder: '' },
    approve: { label: 'Approve', placeholder: 'Note (optional)' },
    done: { label: 'Done', placeholder: 'Note (optional)' },
    passed: { label: 'Passed', placeholder: 'Note (optional)' },
    reject: { label: 'Reject', placeholder: 'Why reject it?' },
    failed: { label: 'Failed', placeholder: 'What failed, what to roll back?' },
    resubmit: { label: 'Resubmit', placeholder: 'What changed? (optional)' },
    cancel: { label: 'Cancel change', placeholder: 'Why cancel it?' },
  },
  done: {
    claim: 'You claimed "{step}" of {ref}.',
    approve: '"{step}" of {ref} approved.',
    done: '"{step}" of {ref} done.',
    passed: '"{step}" of {ref} passed.',
    reject: '{ref} rejected and returned to the requester.',
    failed: '"{step}" of {ref} failed; returned to the requester.',
    resubmit: '{ref} resubmitted to "{step}".',
    cancel: '{ref} cancelled.',
  },
  label: { template: 'Template', requester: 'Requester', step: 'Current step', steps: 'Steps', rollback: 'Rollback note', returned: 'Returned because', links: 'Linked' },
  title: 'Change {ref}: {title}',
  notice: {
    ChangeStepCurrent: 'Change {ref} "{title}" waits for {team}: "{step}".',
    ChangeStepClaimed: '{actor} claimed "{step}" of change {ref}.',
    ChangeStepPassed: '"{step}" of change {ref} passed ({actor}).',
    ChangeStepReturned: 'Change {ref} was returned at "{step}" by {actor}: {text}. You may revise and resubmit it, or cancel it.',
    ChangeResubmitted: 'Change {ref} "{title}" was resubmitted and waits for {team}: "{step}".',
    ChangeSucceeded: 'Change {ref} "{title}" completed successfully.',
    ChangeCancelled: 'Change {ref} "{title}" was cancelled: {text}.',
    ChangeLinkedResolved: 'Change {ref} "{title}" is complete, and the problem you reported is resolved with it. If it persists, just reply and say so.',
    ttr100: '"{step}" of change {ref} ({team}) reached its time limit.',
    ttr200: '"{step}" of change {ref} ({team}) is twice over its time limit.',
    resolvedBy: '{kind} {ticket} was resolved by change {ref}.',
    rollback: '"{step}" of change {ref} failed and must be rolled back: {text}.',
  },
  fromTicket: { button: 'Request a change', sent: 'The change templates are in the card just sent to you: pick one and give a title; the change will be linked to {ref}.', forRef: 'The change will be linked to {ref} and resolve it when it succeeds.' },
  picker: { title: 'Request a change', none: 'There is no change template you may request; please ask the product team or a problem manager to request it.', prompt: 'Pick a template, then send: change <template> <title>' },
  usage: 'Send "change <template> <title>" to request a change, e.g.: change app-release fix the order failure',
  requested: 'Change {ref} submitted; it waits for {team}: "{step}".',
};

