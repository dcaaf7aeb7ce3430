/**
 * A local fake iTop 3.2 REST/JSON endpoint answering from the answers captured from a real iTop
 * (test/fixtures/itop-rest/, see its README.md): `POST /webservices/rest.php?version=1.3`, form-encoded
 * `json_data`, `auth_user`/`auth_pwd` or HTTP Basic, HTTP 200 for every API error with the captured `code` and
 * `message`, string ids, `"0"` empty keys, `"objects": null` when nothing matches, non-ASCII `\u`-escaped as on
 * the wire. `core/get` honours `output_fields`, `limit` and `page`. Not captured, so shaped after iTop's
 * RestResult codes: a request without `json_data` (e.g. a raw JSON body) gets code 3.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const ITOP_FIXTURES = path.join(__dirname, '..', 'fixtures', 'itop-rest');

type RawObject = { code: number; message: string; class: string; key: string; fields: Record<string, unknown> };
export type FakeItopData = Record<string, Record<string, RawObject>>;

/** Classes a stock iTop 3.2 with service management knows (an unknown one is refused like iTop does). */
const KNOWN_CLASSES = new Set([
  'Organization', 'Person', 'Team', 'lnkPersonToTeam', 'ServiceFamily', 'Service', 'ServiceSubcategory', 'lnkContactToService',
  'SLA', 'SLT', 'lnkSLAToSLT', 'CustomerContract', 'lnkCustomerContractToService', 'DeliveryModel', 'lnkDeliveryModelToContact',
  'UserRequest', 'Incident', 'CMDBChangeOpSetAttributeScalar',
]);

export interface FakeItopOptions {
  /** user → password and whether the user has the REST Services User profile. */
  users?: Record<string, { password: string; rest: boolean }>;
  /** Objects by class; default: the captured `get_<Class>.json` answers. */
  data?: FakeItopData;
  /** Answer every request with this captured file (an `error_*.json`). */
  answerAll?: string;
}

export interface FakeItopRequest {
  contentType: string;
  query: string;
  form: Record<string, string>;
  authorization: string | null;
  json: Record<string, unknown> | null;
}

export interface FakeItop {
  url: string;
  requests: FakeItopRequest[];
  close(): Promise<void>;
}

const readFixture = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(ITOP_FIXTURES, name), 'utf8'));

/** The captured objects of every `get_<Class>.json` (the UserRequest variants are left out). */
export function capturedItopData(): FakeItopData {
  const data: FakeItopData = {};
  for (const file of fs.readdirSync(ITOP_FIXTURES)) {
    const m = /^get_([A-Za-z]+)\.json$/.exec(file);
    if (!m) continue;
    const response = readFixture(file).response as { objects: Record<string, RawObject> | null };
    data[m[1]!] = response.objects ?? {};
  }
  return data;
}

/** JSON as PHP's json_encode writes it: non-ASCII as `\uXXXX`, `/` as `\/`. */
export function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

const error = (file: string, replace?: [string, string]): Record<string, unknown> => {
  const answer = readFixture(file);
  if (replace) answer.message = String(answer.message).replace(replace[0], replace[1]);
  return answer;
};

function answer(req: FakeItopRequest, options: Required<Omit<FakeItopOptions, 'answerAll'>>): Record<string, unknown> {
  if (!/(^|&)version=/.test(req.query)) return error('error_missing_version.json');
  let user = req.form.auth_user;
  let password = req.form.auth_pwd;
  if (req.authorization?.startsWith('Basic ')) {
    const [u, ...p] = Buffer.from(req.authorization.slice(6), 'base64').toString('utf8').split(':');
    user = u;
    password = p.join(':');
  }
  const account = user === undefined ? undefined : options.users[user];
  if (!account || account.password !== password) return error('error_invalid_login.json');
  if (!account.rest) return error('error_no_rest_profile.json');
  if (req.form.json_data === undefined) return { code: 3, message: "Error: Missing parameter 'json_data'" };
  if (req.json === null) return error('error_invalid_json.json');
  const operation = String(req.json.operation ?? '');
  if (operation === 'list_operations') return readFixture('list_operations.json');
  if (operation !== 'core/get') return error('error_unknown_operation.json', ['core/nope', operation]);
  const className = String(req.json.class ?? '');
  if (!KNOWN_CLASSES.has(className)) return error('error_unknown_class.json', ['NoSuchClass', className]);
  let objects = Object.entries(options.data[className] ?? {});
  const fields = String(req.json.output_fields ?? '*');
  if (fields !== '*') {
    const wanted = fields.split(',').map((f) => f.trim());
    objects = objects.map(([k, o]) => [k, { ...o, fields: Object.fromEntries(wanted.filter((f) => f in o.fields).map((f) => [f, o.fields[f]])) }]);
  }
  const limit = Number(req.json.limit ?? 0);
  if (limit > 0) {
    const page = Number(req.json.page ?? 1);
    objects = objects.slice((page - 1) * limit, page * limit);
  }
  return { code: 0, message: `Found: ${objects.length}`, objects: objects.length === 0 ? null : Object.fromEntries(objects) };
}

export async function startFakeItop(options: FakeItopOptions = {}): Promise<FakeItop> {
  const settings = {
    users: options.users ?? { rest: { password: 'rest-secret-π', rest: true }, norest: { password: 'x', rest: false } },
    data: options.data ?? capturedItopData(),
  };
  const requests: FakeItopRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [pathname, query = ''] = (req.url ?? '').split('?');
      if (req.method !== 'POST' || pathname !== '/webservices/rest.php') {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const contentType = String(req.headers['content-type'] ?? '');
      const form = contentType.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(body)) : {};
      let json: Record<string, unknown> | null = null;
      try {
        if (form.json_data !== undefined) json = JSON.parse(form.json_data);
      } catch {
        json = null;
      }
      const request: FakeItopRequest = { contentType, query: query ?? '', form, authorization: req.headers.authorization ?? null, json };
      requests.push(request);
      const result = options.answerAll ? readFixture(options.answerAll) : answer(request, settings);
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' }).end(phpJson(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
