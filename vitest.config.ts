import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{contract,db,server,worker,sandbox,bench}/test/**/*.test.ts"],
    // Every file gets its own database and servers; two cores run two files at a time.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
