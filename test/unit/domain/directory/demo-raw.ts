/** The demo directory file as a parser hands it over (core schema), a fresh copy per call, for domain tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const DEMO_PATH = join(__dirname, '../../../../config/demo-directory.yaml');

const text = readFileSync(DEMO_PATH, 'utf8');

export const demoRaw = (): any => parse(text, { schema: 'core' });
