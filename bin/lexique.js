#!/usr/bin/env node
// The `lexique` command: runs the built CLI (npm run build, or npm run cli which builds it).
const fs = require('node:fs');
const path = require('node:path');

const entry = path.join(__dirname, '..', 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');
if (!fs.existsSync(entry)) {
  console.error('The CLI is not built yet: run `npm run build` (or use `npm run cli -- <command>`).');
  process.exit(1);
}
require(entry)
  .runCli(process.argv.slice(2))
  .then((code) => process.exit(code));
