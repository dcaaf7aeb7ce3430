/**
 * Expected failures are returned, never thrown (docs/architecture.md): every such outcome is a `Result`, `{ok: true, value}` or
 * `{ok: false, error}`. A business failure's error is a `DomainError` with a typed, namespaced `code`
 * (`TICKET.ALREADY_ASSIGNED`, see `error-codes.ts`); the words a user reads live in the chat layer's catalogs.
 * Parsers and loaders use the same shape with their own error type (a list of issues, a reason).
 */
import type { ErrorCode } from '../errors/error-codes';

export interface DomainError {
  readonly code: ErrorCode;
  /** English, for logs and API callers; never shown in chat as such. */
  readonly message: string;
  /** Values the chat layer may put in its sentence (winner, ref, state, limit, …). */
  readonly details?: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
}

export type Result<T, E = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

export const fail = (
  code: ErrorCode,
  message: string,
  details?: DomainError['details'],
): { ok: false; error: DomainError } => err(details ? { code, message, details } : { code, message });
