export * from "./customers.ts";
export * from "./directories.ts";
export * from "./jobs.ts";
export * from "./proofs.ts";
export * from "./report-links.ts";
export * from "./staff.ts";
export * from "./throttle.ts";
export * from "./workers.ts";
