import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { authRouter } from "./routers/auth.ts";
import { autoboltRouter } from "./routers/autobolt.ts";
import { claimsRouter } from "./routers/claims.ts";
import { customersRouter } from "./routers/customers.ts";
import { directoriesRouter } from "./routers/directories.ts";
import { inboxRouter } from "./routers/inbox.ts";
import { statsRouter, workersRouter } from "./routers/insights.ts";
import { jobsRouter } from "./routers/jobs.ts";
import { reportsRouter } from "./routers/reports.ts";
import { resultsRouter } from "./routers/results.ts";
import { staffRouter } from "./routers/staff.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  customers: customersRouter,
  jobs: jobsRouter,
  directories: directoriesRouter,
  staff: staffRouter,
  results: resultsRouter,
  workers: workersRouter,
  stats: statsRouter,
  claims: claimsRouter,
  reports: reportsRouter,
  inbox: inboxRouter,
  /** The worker API; its paths (autobolt.jobs.*) are a contract outside code relies on. */
  autobolt: autoboltRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export const createCaller = createCallerFactory(appRouter);
