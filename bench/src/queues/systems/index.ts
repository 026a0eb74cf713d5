import type { SystemName } from "../protocol.ts";
import { setupAutobolt, startAutoboltConsumers } from "./autobolt.ts";
import { setupGraphileWorker, startGraphileConsumers } from "./graphile-worker.ts";
import { setupPgBoss, startPgBossConsumers } from "./pg-boss.ts";
import type { SetupHost, StartConsumers } from "./types.ts";

export const systems: Record<SystemName, { setup: SetupHost; consumers: StartConsumers }> = {
  autobolt: { setup: setupAutobolt, consumers: startAutoboltConsumers },
  "graphile-worker": { setup: setupGraphileWorker, consumers: startGraphileConsumers },
  "pg-boss": { setup: setupPgBoss, consumers: startPgBossConsumers },
};
