import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Relative asset paths so dist/ works from any sub-path (GitHub Pages, IPFS gateways).
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    // Browsers without native modulepreload still load every chunk; they only miss the early fetch.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // React and react-dom in one chunk: every first visit needs both in full, and one file compresses
        // better than the two the automatic split makes of them.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules\/(react|react-dom|scheduler)\// },
            // The first visit's small core modules in one file: one gzip stream compresses them better than
            // the dozen tiny chunks the automatic split makes (150.2 → 147.7 KB). zod's base stays apart, as
            // the entry needs it and must not wait for the rest.
            { name: 'zodBase', test: /node_modules\/zod\/v4\/core\/(core|util)\.js$/ },
            {
              name: 'boot',
              test: /src\/core\/(storage\/(stored|confirmed)|format\/time|tx\/records\/presence|errors\/(errors|category|mask|causes|classify)|config\/(schema|chains)|rpc\/(endpoints|rateLimiter)|protect\/hosts)\.ts$/,
            },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'sim',
          include: ['test/sim/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/integrationSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
