import type { AddressInfo } from "node:net";
import path from "node:path";
import {
  createDb,
  type Database,
  deleteExpiredSessions,
  deleteStaleSignInAttempts,
  reapExpiredLeases,
  reapFollowUps,
  scheduleRechecks,
  sweepAwaitingEmail,
} from "@autobolt/db";
import type { Logger } from "pino";
import { ensureFirstAdmin, resolveApiKey } from "./bootstrap.ts";
import { createJobBus } from "./bus.ts";
import type { ServerConfig } from "./config.ts";
import { consoleFiles } from "./http/console-files.ts";
import { customerReportRoutes } from "./http/customer-report.ts";
import { reportRoutes } from "./http/reports.ts";
import { screenshotRoutes } from "./http/screenshots.ts";
import { createHttpServer, type RouteHandler } from "./http/server.ts";
import { type MailPoller, startImapPoller } from "./inbox/imap.ts";
import { resolveSecretKey } from "./inbox/secret.ts";
import { startSmtpReceiver } from "./inbox/smtp.ts";
import { createLeaseBatches } from "./lease-batches.ts";
import { createLogger } from "./log.ts";
import { createProofStore } from "./proofs/store.ts";
import type { Services } from "./trpc.ts";

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  /** The SMTP receiver's port, when AUTOBOLT_SMTP_PORT is set (0 picks a free one). */
  smtpPort: number | undefined;
  /** The IMAP poller, when AUTOBOLT_IMAP_URL is set (tests poll it on demand). */
  imap: MailPoller | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** An open database to use (tests); otherwise one is opened from the settings and closed on close(). */
  database?: Database;
  routes?: (services: Services) => RouteHandler[];
}

/** Everything a procedure needs, without HTTP: what tests hand to createCaller. */
export async function createServices(config: ServerConfig, options: StartOptions = {}): Promise<Services> {
  const log = options.log ?? createLogger(config);
  const apiKey = resolveApiKey(config, log);
  const database =
    options.database ??
    (await createDb({
      url: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, "db"),
      maxConnections: config.dbPool,
      prepare: config.dbPrepare,
    }));
  await ensureFirstAdmin(database.db, config);
  const proofs = await createProofStore(config, database);
  const bus = await createJobBus(database);
  const leases = createLeaseBatches(database, config);
  const secretKey = config.inbox.domain ? resolveSecretKey(config) : undefined;
  return { database, bus, leases, proofs, config, log, apiKey, workerPresence: new Map(), secretKey };
}

/** Start background duties: expired leases back to the queue, expired sessions and sign-in counts removed. */
function startHousekeeping({ database, config, log }: Services): () => void {
  // Follow-up tasks (confirmation links, listing re-checks) whose worker went silent go back; the
  // re-checks that came due are queued. Any server may do both (leases and a unique open task).
  const followUpSweeper = setInterval(
    () => {
      reapFollowUps(database.db, config.inbox.followUpAttempts)
        .then(() => scheduleRechecks(database.db, config.recheckDays))
        .then((queued) => {
          if (queued > 0) log.info({ queued }, "listing re-checks queued");
        })
        .catch((error) => log.error({ err: error }, "follow-up sweep failed"));
    },
    Math.max(config.reaperIntervalMs, 1000),
  );
  const inboxSweeper = config.inbox.domain
    ? setInterval(
        () => {
          sweepAwaitingEmail(database.db, config.inbox.emailWaitMinutes)
            .then((swept) => {
              if (swept.length > 0) log.warn({ results: swept.length }, "no confirmation mail in time");
            })
            .catch((error) => log.error({ err: error }, "inbox sweep failed"));
        },
        Math.max(config.reaperIntervalMs, 1000),
      )
    : undefined;
  const reaper = setInterval(() => {
    reapExpiredLeases(database.db, config)
      .then((reaped) => {
        for (const job of reaped)
          log.warn({ jobId: job.id, status: job.status, attempts: job.attempts }, "lease expired");
      })
      .catch((error) => log.error({ err: error }, "lease reaper failed"));
  }, config.reaperIntervalMs);
  const sessionSweeper = setInterval(() => {
    deleteExpiredSessions(database.db).catch((error) => log.error({ err: error }, "session sweep failed"));
    deleteStaleSignInAttempts(database.db, config.signIn.windowSeconds).catch((error) =>
      log.error({ err: error }, "sign-in attempt sweep failed"),
    );
  }, 3_600_000);
  return () => {
    clearInterval(inboxSweeper);
    clearInterval(followUpSweeper);
    clearInterval(reaper);
    clearInterval(sessionSweeper);
  };
}

/** Open the database (migrating it), start housekeeping and listen for HTTP. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const services = await createServices(config, options);
  const stopHousekeeping = startHousekeeping(services);
  const server = createHttpServer(services, [
    screenshotRoutes(services),
    reportRoutes(services),
    customerReportRoutes(services),
    ...(options.routes?.(services) ?? []),
    // Last: it answers every other GET with the console's index.html.
    consoleFiles(config.consoleDir),
  ]);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const { inbox } = config;
  const smtp =
    inbox.domain && inbox.smtpPort !== undefined
      ? await startSmtpReceiver(services, inbox.smtpPort, inbox.smtpHost)
      : undefined;
  const imap = inbox.domain && inbox.imapUrl ? startImapPoller(services, inbox.imapUrl) : undefined;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  services.log.info(
    { url, database: services.database.kind, proofs: services.proofs.kind },
    "AutoBolt server listening",
  );

  return {
    url,
    port,
    services,
    smtpPort: smtp?.port,
    imap,
    async close() {
      stopHousekeeping();
      await Promise.all([smtp?.close(), imap?.close()]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await services.bus.close();
      services.proofs.close();
      if (!options.database) await services.database.close();
    },
  };
}
