import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

// vitest 5 prints failures with Map.groupBy, which Node 20 lacks: without this a failing test crashes the reporter.
if (!('groupBy' in Map)) {
  Object.defineProperty(Map, 'groupBy', {
    value: <K, V>(items: Iterable<V>, key: (item: V, index: number) => K) => {
      const groups = new Map<K, V[]>()
      let i = 0
      for (const item of items) {
        const k = key(item, i++)
        groups.set(k, [...(groups.get(k) ?? []), item])
      }
      return groups
    },
  })
}

export default defineConfig({
  // Relative asset paths so dist/ works from any sub-path (GitHub Pages, IPFS gateways).
  base: './',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false, reportCompressedSize: false },
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
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/integration-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
