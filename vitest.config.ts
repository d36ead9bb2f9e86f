import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // The CLI tests run the built binary; the build runs once before the suite.
    globalSetup: ['test/global-setup.ts'],
  },
});
