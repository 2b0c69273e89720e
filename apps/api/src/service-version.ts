import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '@lexique/core';

let version: string | undefined;

export function serviceVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
