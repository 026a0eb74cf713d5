export * from "./customer.ts";
export * from "./directory.ts";
export * from "./job.ts";
export * from "./password.ts";
export * from "./recipe.ts";
export * from "./staff-api.ts";
export * from "./us-states.ts";
export * from "./worker-api.ts";
