import { startSandbox } from "./index.ts";

const port = Number(process.env.SANDBOX_PORT ?? 4100);
const sandbox = await startSandbox({ port, host: process.env.SANDBOX_HOST ?? "127.0.0.1" });
process.stdout.write(`sandbox directories at ${sandbox.url}/ (${sandbox.sites.length} sites)\n`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    sandbox.close().finally(() => process.exit(0));
  });
}
