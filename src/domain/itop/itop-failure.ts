/**
 * Why reading iTop failed, and the one sentence that says what to fix (docs/itop-import.md "Errors"). iTop's
 * REST API answers every error with HTTP 200 and a `code` (its RestResult codes); the transport's own failures
 * (unreachable, another HTTP status, an answer that is not iTop's JSON) come before that.
 */
import type { ItopMappingError } from './itop-mapping.types';

export type ItopFailure =
  | { readonly kind: 'api'; readonly code: number; readonly message: string; readonly className: string }
  | { readonly kind: 'http'; readonly status: number; readonly url: string }
  | { readonly kind: 'not-json'; readonly url: string }
  | { readonly kind: 'unreachable'; readonly url: string; readonly reason: string }
  | { readonly kind: 'empty-class'; readonly className: string }
  | ItopMappingError;

/** iTop's RestResult codes. */
export const ITOP_REST_CODES = {
  OK: 0,
  UNAUTHORIZED: 1,
  MISSING_VERSION: 2,
  MISSING_JSON: 3,
  INVALID_JSON: 4,
  MISSING_AUTH_USER: 5,
  MISSING_AUTH_PWD: 6,
  UNSUPPORTED_VERSION: 10,
  UNKNOWN_OPERATION: 11,
  UNSAFE: 12,
  INTERNAL_ERROR: 100,
} as const;

export interface ItopFailureContext {
  readonly user: string;
  readonly passwordEnv: string;
}

export function explainItopFailure(f: ItopFailure, ctx: ItopFailureContext): string {
  const C = ITOP_REST_CODES;
  switch (f.kind) {
    case 'unreachable':
      return `Cannot reach iTop at ${f.url} (${f.reason}): check --url and that this machine can reach the server.`;
    case 'http':
      return `iTop's address ${f.url} answered HTTP ${f.status}: check --url (the iTop root, without /webservices/rest.php).`;
    case 'not-json':
      return `The answer from ${f.url} is not iTop's REST JSON (a login page or a proxy?): check --url points at the iTop root.`;
    case 'empty-class':
      return `iTop returned no ${f.className} at all: give the iTop user "${ctx.user}" access to the organisations to read (its allowed organisations) or check the instance.`;
    case 'unknown-root-org':
      return `No iTop organisation has the key, code or name "${f.rootOrg}": check --orgs.`;
    case 'unknown-calendar':
      return `Unknown --calendar "${f.calendar}": choose 24x7 or workdays-cn (or edit the calendar in the produced file afterwards).`;
    case 'no-organizations':
      return `iTop returned no Organization at all: give the iTop user "${ctx.user}" access to the organisations to read (its allowed organisations) or check the instance.`;
    case 'api':
      break;
  }
  if (f.code === C.UNAUTHORIZED && /REST Services User/i.test(f.message)) {
    return `The iTop user "${ctx.user}" needs the "REST Services User" profile: add it to the user in iTop (Administration > User accounts) and run again.`;
  }
  if (f.code === C.UNAUTHORIZED) {
    return `iTop refused the login of "${ctx.user}": check --user and the password in the environment variable ${ctx.passwordEnv}.`;
  }
  if (f.code === C.MISSING_AUTH_USER || f.code === C.MISSING_AUTH_PWD) {
    return `iTop received no user or password: give --user and set the password in the environment variable ${ctx.passwordEnv}.`;
  }
  if (f.code === C.MISSING_VERSION || f.code === C.UNSUPPORTED_VERSION) {
    return `iTop did not accept REST version 1.3 ("${f.message}"): check --url points at an iTop 2.7 or later (3.2 was measured) and no proxy drops the query string.`;
  }
  if (f.code === C.MISSING_JSON || f.code === C.INVALID_JSON) {
    return `iTop did not receive the form field json_data intact ("${f.message}"): check that no proxy between rewrites form-encoded request bodies.`;
  }
  if (f.code === C.UNKNOWN_OPERATION) {
    return `iTop does not offer core/get here ("${f.message}"): check --url points at iTop's REST endpoint and that the CoreServices extension is enabled.`;
  }
  if (f.code === C.INTERNAL_ERROR && /not a valid class/i.test(f.message)) {
    return `iTop has no class ${f.className} ("${f.message}"): install iTop's service management module for service providers (ITIL) or read an instance that has it.`;
  }
  if (f.code === C.INTERNAL_ERROR && /attribute|output_fields|field/i.test(f.message)) {
    return `iTop refused a field asked for on ${f.className} ("${f.message}"): check --dingtalk-id-field and --person-id-field name existing Person fields.`;
  }
  return `iTop answered code ${f.code} while reading ${f.className} ("${f.message}"): fix what iTop says, or ask its administrator, then run again.`;
}
