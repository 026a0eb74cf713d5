import type { CustomerFields, PackageChoice } from "@autobolt/contract";
import { count, desc, eq, getTableColumns, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import { normalisedEmail, normalisedPhone, normalisedWebsite } from "../schema/customers.ts";
import { customers, jobs } from "../schema/index.ts";
import { escapeLike } from "./directories.ts";
import type { Actor } from "./events.ts";
import { planJob } from "./planning.ts";

export interface CreateCustomerParams {
  customer: CustomerFields;
  package: PackageChoice;
  priorityLevel: number;
  allowPartial?: boolean | undefined;
  actor: Actor;
}

/** A new customer and the job for their package, or neither. */
export async function createCustomerWithJob(db: Db, params: CreateCustomerParams) {
  return db.transaction(async (tx) => {
    const [customer] = await tx.insert(customers).values(params.customer).returning();
    if (!customer) throw new Error("insert into customers returned no row");
    const job = await planJob(tx, {
      customerId: customer.id,
      businessName: customer.businessName,
      email: customer.email,
      package: params.package,
      priorityLevel: params.priorityLevel,
      allowPartial: params.allowPartial,
      actor: params.actor,
    });
    return { customer, job };
  });
}

/** Another package for an existing customer: only directories they do not already have. */
export async function createJobForCustomer(
  db: Db,
  params: {
    customerId: string;
    package: PackageChoice;
    priorityLevel: number;
    allowPartial?: boolean | undefined;
    actor: Actor;
  },
) {
  return db.transaction(async (tx) => {
    const customer = await getCustomer(tx, params.customerId);
    return planJob(tx, {
      customerId: customer.id,
      businessName: customer.businessName,
      email: customer.email,
      package: params.package,
      priorityLevel: params.priorityLevel,
      allowPartial: params.allowPartial,
      actor: params.actor,
    });
  });
}

export async function getCustomer(db: Db, id: string) {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  if (!row) throw new AppError("CUSTOMER_NOT_FOUND", `No customer with id ${id}.`);
  return row;
}

export async function getCustomerWithJobs(db: Db, id: string) {
  const customer = await getCustomer(db, id);
  const customerJobs = await db
    .select()
    .from(jobs)
    .where(eq(jobs.customerId, id))
    .orderBy(desc(jobs.createdAt));
  return { ...customer, jobs: customerJobs };
}

export async function updateCustomer(db: Db, id: string, fields: Partial<CustomerFields>) {
  const [row] = await db
    .update(customers)
    .set({ ...fields, updatedAt: new Date() })
    .where(eq(customers.id, id))
    .returning();
  if (!row) throw new AppError("CUSTOMER_NOT_FOUND", `No customer with id ${id}.`);
  return row;
}

export async function listCustomers(
  db: Db,
  params: { search?: string | undefined; limit: number; offset: number },
) {
  const term = params.search ? `%${escapeLike(params.search)}%` : undefined;
  const where = term ? or(ilike(customers.businessName, term), ilike(customers.email, term)) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({
        ...getTableColumns(customers),
        // Per row through jobs_customer_idx: a page is 50 rows, so 50 tiny index counts.
        // Written out: drizzle leaves columns unqualified in a select list, which inside this
        // subquery would compare jobs with itself.
        jobCount: sql<number>`(select count(*)::int from jobs where jobs.customer_id = customers.id)`,
      })
      .from(customers)
      .where(where)
      .orderBy(desc(customers.createdAt))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(customers).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export type DuplicateField = "email" | "phone" | "website";

/**
 * Existing customers whose email, phone or website matches these (each normalised the way its
 * index is: see normalisedEmail and friends), with the fields that matched, newest first.
 */
export async function findDuplicateCustomers(
  db: Db,
  params: { email?: string | undefined; phone?: string | undefined; website?: string | undefined },
) {
  const tests: { field: DuplicateField; condition: SQL }[] = [];
  if (params.email?.trim())
    tests.push({
      field: "email",
      condition: sql`${normalisedEmail(customers.email)} = ${normalisedEmail(sql`${params.email}::text`)}`,
    });
  // Fewer than 7 digits says too little about a business to call it the same one.
  if (params.phone && params.phone.replace(/\D/g, "").length >= 7)
    tests.push({
      field: "phone",
      condition: sql`${normalisedPhone(customers.phone)} = ${normalisedPhone(sql`${params.phone}::text`)}`,
    });
  if (params.website?.trim())
    tests.push({
      field: "website",
      condition: sql`${normalisedWebsite(customers.website)} = ${normalisedWebsite(sql`${params.website}::text`)} and ${normalisedWebsite(customers.website)} <> ''`,
    });
  if (tests.length === 0) return [];
  const matched = sql<DuplicateField[]>`array_remove(array[${sql.join(
    tests.map((t) => sql`case when ${t.condition} then ${t.field} end`),
    sql`, `,
  )}], null)`;
  const rows = await db
    .select({
      id: customers.id,
      businessName: customers.businessName,
      email: customers.email,
      phone: customers.phone,
      website: customers.website,
      city: customers.city,
      state: customers.state,
      createdAt: customers.createdAt,
      matched,
      // Spelled out: a single-table select names its own columns unqualified.
      jobCount:
        sql<number>`(select count(*) from ${jobs} j where j.customer_id = ${customers}.id)::int`.mapWith(
          Number,
        ),
    })
    .from(customers)
    .where(or(...tests.map((t) => t.condition)))
    .orderBy(desc(customers.createdAt))
    .limit(5);
  return rows.map((r) => ({ ...r, matched: parseArray(r.matched) as DuplicateField[] }));
}

/** A text[] as postgres.js (an array) or PGlite (an array, or its literal text) answers it. */
function parseArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value === "string") return value.replace(/^{|}$/g, "").split(",").filter(Boolean);
  return [];
}
