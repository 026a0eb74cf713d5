export { createServices, type RunningServer, type StartOptions, startServer } from "./app.ts";
export { loadConfig, type ServerConfig } from "./config.ts";
export { type AppRouter, createCaller, type RouterInputs, type RouterOutputs } from "./root.ts";
export { createInnerContext, type Services, type SessionUser } from "./trpc.ts";
