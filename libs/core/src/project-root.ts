import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/**
 * The project's root folder (where schema/ and demo/ live), found from any
 * location of the running code: sources under ts-jest, or dist/ after a build.
 */
export function projectRoot(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'schema')) && fs.existsSync(path.join(dir, 'package.json'))) return (cached = dir);
    if (path.dirname(dir) === dir) throw new Error('Cannot find the project root (a folder with schema/ and package.json)');
  }
}
