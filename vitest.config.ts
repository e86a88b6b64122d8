import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: [
            'server/src/**/*.test.ts',
            'packages/**/*.test.ts',
            'web/src/**/*.test.ts',
            'scripts/**/*.test.mjs',
          ],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'int',
          sequence: { groupOrder: 1 },
          include: ['server/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 30_000,
          // expect.poll waits for a condition; vitest's 1 s default is too short on a loaded 2-core machine.
          expect: { poll: { timeout: 15_000 } },
          // A fresh embedded database per file: migrations on a busy 2-core machine can take a while.
          hookTimeout: 120_000,
          // Each file opens its own embedded database; two at a time suits a 2-core machine. On a
          // PostgreSQL server all files share one database, and a test's runDue claims any due job
          // in it, so there one file runs at a time (else files take each other's jobs).
          maxWorkers: process.env['PORTICO_TEST_DATABASE_URL'] ? 1 : 2,
          fileParallelism: !process.env['PORTICO_TEST_DATABASE_URL'],
          // Files share a worker's loaded modules (each still builds its own app and database): the
          // module graph is imported once per worker instead of once per file, a third of the CPU.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          // Pages settle at the speed of the machine: wait for the condition up to 15 s, never a fixed time.
          expect: { poll: { timeout: 15_000 } },
          hookTimeout: 90_000,
          fileParallelism: false,
          // One import of the server and the browser drivers for all files; each file starts its own Portico.
          isolate: false,
        },
      },
    ],
  },
});
