import { sql } from "drizzle-orm";
import { check, customType, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Raw bytes: postgres.js answers a Buffer, PGlite a Uint8Array; both are handed back as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/** Proof screenshots kept in the database, so every server process can serve every proof. */
export const proofs = pgTable(
  "proofs",
  {
    id: uuid().primaryKey(),
    contentType: text({ enum: ["image/png", "image/jpeg"] }).notNull(),
    size: integer().notNull(),
    bytes: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("proofs_content_type_check", sql`${t.contentType} in ('image/png', 'image/jpeg')`),
    check("proofs_size_check", sql`${t.size} = octet_length(${t.bytes})`),
  ],
);
