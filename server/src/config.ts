import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every setting the server reads from its environment, with its default; the README lists them. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  AUTOBOLT_DATA_DIR: z.string().default(".autobolt-data"),
  AUTOBOLT_API_KEY: z.string().min(16, "AUTOBOLT_API_KEY must be at least 16 characters").optional(),
  AUTOBOLT_ADMIN_EMAIL: z.email().optional(),
  AUTOBOLT_ADMIN_PASSWORD: z
    .string()
    .min(10, "AUTOBOLT_ADMIN_PASSWORD must be at least 10 characters")
    .optional(),
  AUTOBOLT_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  AUTOBOLT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(3),
  AUTOBOLT_REAPER_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  AUTOBOLT_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  AUTOBOLT_COOKIE_SECURE: flag.default(false),
  AUTOBOLT_SESSION_CHECK_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  AUTOBOLT_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  AUTOBOLT_SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  AUTOBOLT_SIGNIN_ACCOUNT_LIMIT: z.coerce.number().int().min(1).max(10_000).default(5),
  AUTOBOLT_SIGNIN_ADDRESS_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  AUTOBOLT_TRUST_PROXY: flag.default(false),
  AUTOBOLT_S3_URL: z
    .string()
    .regex(/^s3(\+http)?:\/\//, "AUTOBOLT_S3_URL must be s3://KEY:SECRET@host:port/bucket (or s3+http://…)")
    .optional(),
  AUTOBOLT_S3_REGION: z.string().min(1).default("us-east-1"),
  AUTOBOLT_DB_POOL: z.coerce.number().int().min(1).max(200).default(20),
  AUTOBOLT_DB_PREPARE: flag.default(true),
  AUTOBOLT_CONSOLE_DIR: z.string().default(fileURLToPath(new URL("../../client/dist", import.meta.url))),
  AUTOBOLT_INBOX_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
      "AUTOBOLT_INBOX_DOMAIN must be a domain, e.g. inbox.example.com",
    )
    .optional(),
  AUTOBOLT_SMTP_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  AUTOBOLT_SMTP_HOST: z.string().default("127.0.0.1"),
  AUTOBOLT_IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\//, "AUTOBOLT_IMAP_URL must be imap://user:password@host:port/Mailbox or imaps://…")
    .optional(),
  AUTOBOLT_IMAP_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  AUTOBOLT_MAIL_MAX_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(2_000_000),
  AUTOBOLT_EMAIL_WAIT_MINUTES: z.coerce
    .number()
    .min(0.01)
    .max(60 * 24 * 30)
    .default(60 * 24 * 3),
  AUTOBOLT_FOLLOW_UP_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  AUTOBOLT_SECRET_KEY: z
    .string()
    .regex(
      /^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/,
      "AUTOBOLT_SECRET_KEY must be 32 bytes as 64 hex digits or base64",
    )
    .optional(),
  AUTOBOLT_RECHECK_DAYS: z
    .string()
    .trim()
    .default("2,7,28")
    .transform((v, ctx) => {
      const days = v === "" ? [] : v.split(",").map((d) => Number(d.trim()));
      if (
        days.some((d) => !Number.isFinite(d) || d <= 0 || d > 3650) ||
        days.some((d, i) => i > 0 && d <= (days[i - 1] ?? 0))
      ) {
        ctx.addIssue({
          code: "custom",
          message:
            "AUTOBOLT_RECHECK_DAYS must be rising positive numbers of days, e.g. 2,7,28 (decimals allowed)",
        });
        return z.NEVER;
      }
      return days;
    }),
  AUTOBOLT_AGENCY_NAME: z.string().trim().min(1).max(100).default("AutoBolt"),
  AUTOBOLT_REPORT_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type ServerConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid settings:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.AUTOBOLT_DATA_DIR),
    apiKey: e.AUTOBOLT_API_KEY,
    adminEmail: e.AUTOBOLT_ADMIN_EMAIL,
    adminPassword: e.AUTOBOLT_ADMIN_PASSWORD,
    leaseSeconds: e.AUTOBOLT_LEASE_SECONDS,
    maxAttempts: e.AUTOBOLT_MAX_ATTEMPTS,
    reaperIntervalMs: e.AUTOBOLT_REAPER_INTERVAL_MS,
    sessionHours: e.AUTOBOLT_SESSION_HOURS,
    cookieSecure: e.AUTOBOLT_COOKIE_SECURE,
    /** How often an open live stream looks its session up again, so a deactivated account's stream ends. */
    sessionCheckMs: e.AUTOBOLT_SESSION_CHECK_MS,
    maxBodyBytes: e.AUTOBOLT_MAX_BODY_BYTES,
    signIn: {
      windowSeconds: e.AUTOBOLT_SIGNIN_WINDOW_SECONDS,
      accountLimit: e.AUTOBOLT_SIGNIN_ACCOUNT_LIMIT,
      addressLimit: e.AUTOBOLT_SIGNIN_ADDRESS_LIMIT,
    },
    trustProxy: e.AUTOBOLT_TRUST_PROXY,
    /** The campaign inbox: on when a domain is set (campaign addresses are <local>@domain). */
    inbox: {
      domain: e.AUTOBOLT_INBOX_DOMAIN,
      smtpPort: e.AUTOBOLT_SMTP_PORT,
      smtpHost: e.AUTOBOLT_SMTP_HOST,
      imapUrl: e.AUTOBOLT_IMAP_URL,
      imapPollSeconds: e.AUTOBOLT_IMAP_POLL_SECONDS,
      maxBytes: e.AUTOBOLT_MAIL_MAX_BYTES,
      emailWaitMinutes: e.AUTOBOLT_EMAIL_WAIT_MINUTES,
      followUpAttempts: e.AUTOBOLT_FOLLOW_UP_ATTEMPTS,
    },
    secretKey: e.AUTOBOLT_SECRET_KEY,
    /** Ages (days after submission) at which a listing's page is re-checked, until live or gone. */
    recheckDays: e.AUTOBOLT_RECHECK_DAYS,
    /** The name on the report customers open (their agency's, not ours). */
    agencyName: e.AUTOBOLT_AGENCY_NAME,
    /** How long a customer report link opens by default. */
    reportLinkDays: e.AUTOBOLT_REPORT_LINK_DAYS,
    s3Url: e.AUTOBOLT_S3_URL,
    s3Region: e.AUTOBOLT_S3_REGION,
    dbPool: e.AUTOBOLT_DB_POOL,
    dbPrepare: e.AUTOBOLT_DB_PREPARE,
    logLevel: e.LOG_LEVEL,
    consoleDir: path.resolve(e.AUTOBOLT_CONSOLE_DIR),
  };
}
