import { defineConfig } from 'vitest/config'

// Three projects. Most suites wait on Docker, openssl or the network rather than the CPU, so `node` runs several
// files at once on these 2-core machines (every suite names its containers, volumes, netns and ports uniquely).
// `exclusive` runs after them, one file at a time: the Chromium end-to-end suites (CPU-bound, with UI timeouts),
// the Swarm suites (swarm init/leave changes the engine for everyone), the release checks, and the suites that
// boot a whole client (a Debian container running Ansible, an sshd engine) under time limits of their own.
const EXCLUSIVE = [
  'tests/e2e/**/*.test.ts',
  'tests/cluster/swarm*.test.ts',
  'tests/release/**/*.test.ts',
  'tests/trust/debian-client.test.ts',
  'tests/trust/ansible.test.ts',
  'tests/docker/remote-engines.test.ts',
]
/** Files run at once in `node` and `renderer` (RW_TEST_WORKERS overrides; 1 runs everything one by one). */
const NODE_WORKERS = Number(process.env['RW_TEST_WORKERS'] ?? 3)

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['main/**/*.test.ts', 'preload/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: EXCLUSIVE,
          maxWorkers: NODE_WORKERS,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          maxWorkers: NODE_WORKERS,
          // jsdom renders slowly while Docker suites run beside it: 5 s (the default) is too tight on 2 cores.
          testTimeout: 20_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'exclusive',
          environment: 'node',
          include: EXCLUSIVE,
          maxWorkers: 1,
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
