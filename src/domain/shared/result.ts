/**
 * Expected business failures are returned, never thrown (STYLE.md). Each failure carries a namespaced
 * `code` (`TICKET.ALREADY_ASSIGNED`); the words a user reads live in the chat layer's catalogs.
 */
export interface DomainError {
  readonly code: string;
  /** English, for logs and API callers; never shown in chat as such. */
  readonly message: string;
  /** Values the chat layer may put in its sentence (winner, ref, state, limit, …). */
  readonly details?: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
}

export type Result<T, E extends DomainError = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const fail = (
  code: string,
  message: string,
  details?: DomainError['details'],
): { ok: false; error: DomainError } => ({ ok: false, error: details ? { code, message, details } : { code, message } });
