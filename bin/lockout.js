#!/usr/bin/env node
// The `lockout` command: everything lives in the compiled library; this file only starts it.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
