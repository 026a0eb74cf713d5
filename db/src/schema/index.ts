export * from "./customers.ts";
export * from "./directories.ts";
export * from "./jobs.ts";
export * from "./staff.ts";
export * from "./workers.ts";
