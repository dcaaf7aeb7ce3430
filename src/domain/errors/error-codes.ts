/**
 * Every user-facing error code, the union of the modules' `*.errors.ts`. `DomainError.code` has this type, so a
 * misspelt code does not compile, and the chat catalogs (`Record<ErrorCode, string>`) must have a sentence for each.
 */
import { DIRECTORY_ERRORS, type DirectoryErrorCode } from './directory.errors';
import { DUPLICATE_ERRORS, type DuplicateErrorCode } from './duplicate.errors';
import { ACTION_ERRORS, type ActionErrorCode } from './action.errors';
import { INTAKE_ERRORS, type IntakeErrorCode } from './intake.errors';
import { TICKET_ERRORS, type TicketErrorCode } from './ticket.errors';
import { FAQ_ERRORS, type FaqErrorCode } from './faq.errors';
import { CHANGE_ERRORS, type ChangeErrorCode } from './change.errors';
import { PROBLEM_ERRORS, type ProblemErrorCode } from './problem.errors';
import { DEMAND_ERRORS, type DemandErrorCode } from './demand.errors';

export type ErrorCode =
  | TicketErrorCode
  | DirectoryErrorCode
  | IntakeErrorCode
  | DuplicateErrorCode
  | ActionErrorCode
  | FaqErrorCode
  | ChangeErrorCode
  | ProblemErrorCode
  | DemandErrorCode;

export const ERROR_CODES: readonly ErrorCode[] = [
  ...TICKET_ERRORS,
  ...DIRECTORY_ERRORS,
  ...INTAKE_ERRORS,
  ...DUPLICATE_ERRORS,
  ...ACTION_ERRORS,
  ...FAQ_ERRORS,
  ...CHANGE_ERRORS,
  ...PROBLEM_ERRORS,
  ...DEMAND_ERRORS,
];

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
