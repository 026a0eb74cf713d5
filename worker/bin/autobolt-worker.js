#!/usr/bin/env node
// Runs the TypeScript worker directly (tsx), so a worker machine needs only Node and this package.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
