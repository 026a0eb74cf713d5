import type { CustomerFields, PackageChoice } from "@autobolt/contract";
import { count, desc, eq, ilike, or } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import { customers, jobs } from "../schema/index.ts";
import { escapeLike } from "./directories.ts";
import type { Actor } from "./events.ts";
import { planJob } from "./planning.ts";

export interface CreateCustomerParams {
  customer: CustomerFields;
  package: PackageChoice;
  priorityLevel: number;
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
      actor: params.actor,
    });
    return { customer, job };
  });
}

/** Another package for an existing customer: only directories they do not already have. */
export async function createJobForCustomer(
  db: Db,
  params: { customerId: string; package: PackageChoice; priorityLevel: number; actor: Actor },
) {
  return db.transaction(async (tx) => {
    const customer = await getCustomer(tx, params.customerId);
    return planJob(tx, {
      customerId: customer.id,
      businessName: customer.businessName,
      email: customer.email,
      package: params.package,
      priorityLevel: params.priorityLevel,
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
      .select()
      .from(customers)
      .where(where)
      .orderBy(desc(customers.createdAt))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(customers).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
