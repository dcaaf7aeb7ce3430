/**
 * One sentence per way reading iTop fails (docs/itop-import.md "Errors"), each saying what to fix; the codes the
 * captured answers do not cover (their sentences for the captured ones are tested end to end against the fake iTop).
 */
import { explainItopFailure, type ItopFailure } from '../../../../src/domain/itop/itop-failure';

const ctx = { user: 'reader', passwordEnv: 'ITOP_PW' };
const api = (code: number, message: string): ItopFailure => ({ kind: 'api', code, message, className: 'Person' });

describe('explainItopFailure', () => {
  it.each<[ItopFailure, RegExp]>([
    [api(3, "Error: Missing parameter 'json_data'"), /^iTop did not receive the form field json_data intact .*check that no proxy/],
    [api(5, "Error: Missing parameter 'auth_user'"), /^iTop received no user or password: give --user and set the password in the environment variable ITOP_PW\.$/],
    [api(6, "Error: Missing parameter 'auth_pwd'"), /^iTop received no user or password/],
    [api(10, "Error: Version '1.3' is not supported"), /^iTop did not accept REST version 1\.3 .*check --url/],
    [api(12, 'Error: unsafe'), /^iTop answered code 12 while reading Person \("Error: unsafe"\): fix what iTop says/],
    [api(100, "Error: Invalid attribute code 'dingtalk' for class 'Person'"), /^iTop refused a field asked for on Person .*--dingtalk-id-field/],
    [{ kind: 'http', status: 500, url: 'https://itop/webservices/rest.php' }, /answered HTTP 500: check --url/],
    [{ kind: 'not-json', url: 'https://itop/webservices/rest.php' }, /is not iTop's REST JSON .*: check --url/],
    [{ kind: 'unreachable', url: 'https://itop/webservices/rest.php', reason: 'ENOTFOUND' }, /^Cannot reach iTop at .* \(ENOTFOUND\): check --url/],
    [{ kind: 'unknown-root-org', rootOrg: 'X' }, /^No iTop organisation has the key, code or name "X": check --orgs\.$/],
    [{ kind: 'unknown-calendar', calendar: 'c' }, /^Unknown --calendar "c": choose 24x7 or workdays-cn/],
  ])('%j', (failure, sentence) => {
    const text = explainItopFailure(failure, ctx);
    expect(text).toMatch(sentence);
    expect(text.split('\n')).toHaveLength(1);
    expect(text.endsWith('.')).toBe(true);
  });
});
