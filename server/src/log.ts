import pino, { type DestinationStream, type Logger } from "pino";
import type { ServerConfig } from "./config.ts";

/*
 * What the server logs about a failure is what an operator needs to find it (kind, database error
 * code, constraint, where in the code) and never the values involved: a failed statement carries
 * its parameters (drizzle puts them in the message, PostgreSQL in `detail`), and those are
 * customer details, password hashes, session token hashes or an API key.
 */

const MESSAGE_CHARS = 300;

// Fields of PostgreSQL errors (postgres.js and PGlite spell some differently) that name a place,
// never a value.
const DATABASE_ERROR_FIELDS = [
  "code",
  "severity",
  "routine",
  "constraint",
  "constraint_name",
  "table",
  "table_name",
  "column",
  "column_name",
] as const;

/** A message with every quoted part (where PostgreSQL and most libraries put values) blanked. */
export function withoutValues(message: string): string {
  const firstLine = message.split("\n", 1)[0] ?? "";
  return firstLine
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/\(([^()]*)\)=\(([^()]*)\)/g, "(…)=(…)")
    .slice(0, MESSAGE_CHARS);
}

/** An error as it may be logged: kind, codes, message without values, stack frames, cause. */
export function loggableError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const record = error as unknown as Record<string, unknown>;
  const described: Record<string, unknown> = { type: error.constructor?.name ?? error.name };
  // drizzle's wrapper: its message is the statement and its parameters; the cause says what failed.
  const isQueryWrapper = "params" in record && "query" in record;
  described.message = isQueryWrapper ? "database statement failed" : withoutValues(error.message);
  for (const field of DATABASE_ERROR_FIELDS) {
    const value = record[field];
    if (typeof value === "string" || typeof value === "number") described[field] = value;
  }
  const frames = error.stack
    ?.split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 12)
    .map((line) => line.trim());
  if (frames && frames.length > 0) described.stack = frames;
  if (error.cause !== undefined && depth < 3) described.cause = loggableError(error.cause, depth + 1);
  return described;
}

/**
 * The server's logger. Errors go through loggableError whatever key they are logged under, and
 * the field names secrets travel by are blanked should any code log them.
 */
export function createLogger(
  config: Pick<ServerConfig, "logLevel">,
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level: config.logLevel,
      serializers: { err: loggableError, error: loggableError },
      redact: {
        paths: [
          "password",
          "*.password",
          "passwordHash",
          "*.passwordHash",
          "apiKey",
          "*.apiKey",
          "token",
          "*.token",
          "params",
          "*.params",
          "parameters",
          "*.parameters",
          "headers.authorization",
          "headers.cookie",
          "*.headers.authorization",
          "*.headers.cookie",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
