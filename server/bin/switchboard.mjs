#!/usr/bin/env node
// The `switchboard` command runs the compiled server (dist/, built by `npm run build` and on `prepack`): no
// TypeScript compiler at run time, so start-up is fast and the code is the same wherever it is started from.
import '../dist/cli/main.js';
