#!/usr/bin/env node
// The `lockout` command: everything lives in the library, bundled by scripts/bundle.mjs; this file only starts it.
import { main } from '../dist/bundle/lockout.js';

process.exitCode = await main(process.argv.slice(2));
