import { defineConfig } from 'vitest/config';

// Unit and socket tests (tiers 1–4 of DESIGN.md). Playwright specs live in e2e/ and run separately.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
