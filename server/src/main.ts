import { startServer } from "./app.ts";
import { loadConfig } from "./config.ts";

try {
  const server = await startServer(loadConfig());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    server.services.log.info({ signal }, "shutting down");
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
} catch (error) {
  process.stderr.write(`AutoBolt server could not start: ${(error as Error).message}\n`);
  process.exit(1);
}
