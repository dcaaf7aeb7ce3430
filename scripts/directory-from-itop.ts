/**
 * npm run directory:from-itop -- --url URL --user U [--password-env VAR] [--out FILE] [--orgs ROOT] …
 * Reads the organisation, people, teams, services, contracts, SLAs and delivery models from a running iTop through
 * its REST API and writes a directory file that `directory:import` takes as it is (docs/itop-import.md). Writes
 * nothing to the database; on any iTop error prints one sentence saying what to fix, writes nothing, exits 1.
 */
import { rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { directoryToYaml } from '../src/adapters/directory/directory-yaml';
import { ItopRestClient, shownEndpoint } from '../src/adapters/itop/itop-rest-client';
import { formatDirectoryIssue, validateDirectory } from '../src/domain/directory/validate-directory';
import { explainItopFailure } from '../src/domain/itop/itop-failure';
import type { ItopMappingOptions } from '../src/domain/itop/itop-mapping.types';
import { formatItopCounts, formatItopReport } from '../src/domain/itop/itop-report';
import { mapItopToDirectory } from '../src/domain/itop/itop-to-directory';

const USAGE = `usage: npm run directory:from-itop -- --url URL --user USER [--password-env VAR] [--out FILE] [--orgs ROOT]
  [--dingtalk-id-field FIELD] [--person-id-field FIELD] [--lead-role NAME]… [--contact-role NAME]…
  [--calendar 24x7|workdays-cn] [--contract-start YYYY-MM-DD] [--contract-end YYYY-MM-DD]
  [--family CODE] [--family-name NAME] [--auth form|basic] [--page-size N]`;

export const FROM_ITOP_DEFAULTS = {
  passwordEnv: 'ITOP_PASSWORD',
  out: 'directory-from-itop.yaml',
  dingtalkIdField: 'employee_number',
  leadRoles: ['Team Leader', 'Manager'],
  calendar: '24x7',
  contractEnd: '2099-12-31',
  familyCode: 'itop-no-family',
  familyName: '未分组服务 (no service family in iTop)',
  pageSize: 200,
} as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function main(argv: string[], env: NodeJS.ProcessEnv, today: string): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        url: { type: 'string' },
        user: { type: 'string' },
        'password-env': { type: 'string' },
        out: { type: 'string' },
        orgs: { type: 'string' },
        'dingtalk-id-field': { type: 'string' },
        'person-id-field': { type: 'string' },
        'lead-role': { type: 'string', multiple: true },
        'contact-role': { type: 'string', multiple: true },
        calendar: { type: 'string' },
        'contract-start': { type: 'string' },
        'contract-end': { type: 'string' },
        family: { type: 'string' },
        'family-name': { type: 'string' },
        auth: { type: 'string' },
        'page-size': { type: 'string' },
      },
    }));
  } catch (e) {
    const passwordGiven = argv.some((a) => /^--pass(word)?(=|$)/.test(a));
    console.error(passwordGiven ? 'The password is never taken on the command line: put it in an environment variable and name it with --password-env.' : (e as Error).message);
    console.error(USAGE);
    return 2;
  }
  const d = FROM_ITOP_DEFAULTS;
  const pageSize = values['page-size'] === undefined ? d.pageSize : Number(values['page-size']);
  const auth = values.auth ?? 'form';
  const start = values['contract-start'] ?? today;
  const end = values['contract-end'] ?? d.contractEnd;
  const problems = [
    !values.url && '--url is required',
    !values.user && '--user is required',
    /^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(values.url ?? '') && '--url must not carry user:password@ (the user goes in --user, the password in an environment variable)',
    (auth !== 'form' && auth !== 'basic') && '--auth must be form or basic',
    (!Number.isInteger(pageSize) || pageSize < 0) && '--page-size must be a whole number (0: no paging)',
    !DATE.test(start) && '--contract-start must be YYYY-MM-DD',
    !DATE.test(end) && '--contract-end must be YYYY-MM-DD',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    console.error(USAGE);
    return 2;
  }
  const passwordEnv = values['password-env'] ?? d.passwordEnv;
  const password = env[passwordEnv];
  if (!password) {
    console.error(`Set the iTop password of "${values.user}" in the environment variable ${passwordEnv} (it is never read from the command line).`);
    return 1;
  }
  const options: ItopMappingOptions = {
    rootOrg: values.orgs ?? null,
    dingtalkIdField: values['dingtalk-id-field'] ?? d.dingtalkIdField,
    personIdField: values['person-id-field'] ?? null,
    leadRoles: values['lead-role'] ?? [...d.leadRoles],
    contactRoles: values['contact-role'] ?? [],
    calendar: values.calendar ?? d.calendar,
    contractStart: start,
    contractEnd: end,
    familyCode: values.family ?? d.familyCode,
    familyName: values['family-name'] ?? d.familyName,
  };
  const context = { user: values.user!, passwordEnv };
  const client = new ItopRestClient({ url: values.url!, user: values.user!, password, auth: auth as 'form' | 'basic', pageSize });
  const extra = [options.dingtalkIdField, ...(options.personIdField ? [options.personIdField] : [])];
  const counts: string[] = [];
  const snapshot = await client.readDirectory(extra, (c, n) => counts.push(`${c} ${n}`));
  if (!snapshot.ok) {
    console.error(explainItopFailure(snapshot.error, context));
    console.error('nothing was written.');
    return 1;
  }
  console.log(`read from ${shownEndpoint(values.url!)}: ${counts.join(', ')}`);
  const mapped = mapItopToDirectory(snapshot.value, options);
  if (!mapped.ok) {
    console.error(explainItopFailure(mapped.error, context));
    console.error('nothing was written.');
    return 1;
  }
  const checked = validateDirectory(mapped.value.file);
  if (!checked.ok) {
    for (const issue of checked.error.issues) console.error(formatDirectoryIssue(issue));
    console.error('The mapped directory does not validate (the lines above): nothing was written; please report this with the lines above.');
    return 1;
  }
  const out = values.out ?? d.out;
  const header = [
    `# Directory read from iTop ${shownEndpoint(values.url!)} as "${values.user}" by npm run directory:from-itop on ${today}.`,
    '# Review the values the command filled (its report) before npm run directory:import -- this file.',
    '',
  ].join('\n');
  const temporary = `${out}.partial`;
  await writeFile(temporary, header + directoryToYaml(checked.value.data), 'utf8');
  await rename(temporary, out);
  console.log(`wrote ${out}: ${formatItopCounts(mapped.value)}`);
  for (const line of formatItopReport(mapped.value)) console.log(line);
  console.log(`next: review ${out}, then npm run directory:import -- ${out}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, new Date().toISOString().slice(0, 10)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`directory from iTop failed: ${(e as Error).message}; nothing was written.`);
      process.exit(1);
    },
  );
}
