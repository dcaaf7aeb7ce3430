/** The shape of the change words (docs/changes.md), one object per language. */
import type { ChangeState, StepState } from '../../../domain/changes/change';
import type { ChangeEventType, ChangeCommandType } from '../../../domain/changes/change-lifecycle';
import type { StepKind } from '../../../domain/changes/change-template';

export interface ChangeCatalog {
  state: Record<ChangeState, string>;
  stepState: Record<StepState, string>;
  kind: Record<StepKind, string>;
  button: Record<ChangeCommandType, { label: string; placeholder: string }>;
  done: Record<ChangeCommandType, string>;
  label: { template: string; requester: string; step: string; steps: string; rollback: string; returned: string; links: string };
  title: string;
  /** Notices by event; `{ref}`, `{title}`, `{step}`, `{team}`, `{actor}`, `{text}`. */
  notice: Record<ChangeEventType, string> & { ttr100: string; ttr200: string; resolvedBy: string; rollback: string };
  picker: { title: string; none: string; prompt: string };
  /** The 申请变更 / Request a change button of a problem's or incident's card, and what its click answers. */
  fromTicket: { button: string; sent: string; forRef: string };
  usage: string;
  requested: string;
}
