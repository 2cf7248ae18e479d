#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=32768 MALLOC_TRIM_THRESHOLD_=131072 node --max-semi-space-size=4 --expose-gc
// The shebang's variables tune glibc's allocator (ignored elsewhere) before Node starts, the only moment they can be
// set: 2 arenas instead of 8 per core for the worker threads (first start: 572 -> 348 MB idle), and blocks of 32 KB
// or more mapped on their own, so they go back to the system when freed: V8's compilers and parser allocate in 32 KB
// zone segments, and start-up's freed ones otherwise stayed resident between live blocks (restart: 312 -> 227 MB;
// 64 KB: 322 MB). The young generation is capped at 4 MB semi-spaces: start-up's burst (the index and router cache
// read back) grew it to 16 MB ones that stayed empty (restart: 372 -> 320 MB). `--expose-gc` lets `serve` collect
// start-up's garbage once it listens (an idle main thread would otherwise keep it: restart 367 -> 279 MB).
// Measured in docs/performance.md ("Memory, third pass" and "fourth pass").
// The `switchboard` command runs the compiled server (dist/, built by `npm run build` and on `prepack`): no
// TypeScript compiler at run time, so start-up is fast and the code is the same wherever it is started from.
import '../dist/cli/main.js';
