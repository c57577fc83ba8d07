#!/usr/bin/env node
// The `tsugi` executable (package.json "bin"): lets Node load the TypeScript sources through
// tsx, then hands the arguments to cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
