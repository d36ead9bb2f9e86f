import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Sized for a loaded 2-core machine (CI may share it): a CLI test that takes 3 s alone takes 20 s there.
    testTimeout: 60_000,
    // Hooks stop local servers and remove temp folders; on a loaded machine that outlasts vitest's 10 s default.
    hookTimeout: 60_000,
    teardownTimeout: 60_000,
    // Vitest runs one worker on a 2-core machine by default; most of our tests wait on child processes and local
    // servers, so two workers keep both cores busy.
    maxWorkers: 2,
    // Each worker keeps the modules it loaded from one test file to the next instead of loading netspec afresh per
    // file: the 95 files of test/compiler took 80 s of CPU isolated and 21 s shared; the whole suite, with the CLI
    // tests run in process, 287 s of CPU before and 142 s after (user + system, on a loaded 2-core machine). No test
    // file changes module state another file sees (no vi.mock, no module-level hooks in helpers; process.env, cwd and
    // stdout are restored), and the suite passes in shuffled orders (`--sequence.shuffle --sequence.seed=<n>`).
    isolate: false,
    // The CLI tests run the built binary; the build runs once before the suite.
    globalSetup: ['test/global-setup.ts'],
  },
});
