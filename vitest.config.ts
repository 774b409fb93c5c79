import { defineConfig } from 'vitest/config';

// Unit and socket tests (docs/architecture.md § Testing tiers 1–5, 7). Playwright specs live in e2e/ and run separately.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
