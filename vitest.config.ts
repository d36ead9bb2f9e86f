import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // Vitest runs one worker on a 2-core machine by default; most of our tests wait on child processes and local
    // servers, so two workers keep both cores busy.
    maxWorkers: 2,
    // The CLI tests run the built binary; the build runs once before the suite.
    globalSetup: ['test/global-setup.ts'],
  },
});
