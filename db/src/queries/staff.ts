import { and, asc, count, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import { staffSessions, staffUsers } from "../schema/index.ts";

export type StaffRole = "admin" | "staff";

const publicColumns = {
  id: staffUsers.id,
  email: staffUsers.email,
  name: staffUsers.name,
  role: staffUsers.role,
  active: staffUsers.active,
  createdAt: staffUsers.createdAt,
  lastLoginAt: staffUsers.lastLoginAt,
};

export async function createStaffUser(
  db: Db,
  params: { email: string; name: string; passwordHash: string; role: StaffRole },
) {
  const [row] = await db
    .insert(staffUsers)
    .values({ ...params, email: params.email.toLowerCase() })
    .onConflictDoNothing()
    .returning(publicColumns);
  if (!row) throw new AppError("EMAIL_TAKEN", `A staff account for ${params.email} already exists.`);
  return row;
}

export async function countStaffUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(staffUsers);
  return row?.n ?? 0;
}

/** The row with its password hash, for sign-in only. */
export async function findStaffForSignIn(db: Db, email: string) {
  const [row] = await db
    .select()
    .from(staffUsers)
    .where(and(eq(sql`lower(${staffUsers.email})`, email.toLowerCase()), eq(staffUsers.active, true)));
  return row;
}

export function listStaffUsers(db: Db) {
  return db.select(publicColumns).from(staffUsers).orderBy(asc(staffUsers.email));
}

/**
 * Change a staff account's role or active flag. The last active admin can be neither demoted nor
 * deactivated (by themselves or another): nobody could then manage accounts again. Every active
 * admin row is locked first, in id order, so two admins demoting each other at once are taken one
 * after the other and the second sees the first's change: exactly one of them succeeds.
 */
export async function updateStaffUser(
  db: Db,
  id: string,
  changes: { role?: StaffRole | undefined; active?: boolean | undefined },
) {
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(and(eq(staffUsers.role, "admin"), eq(staffUsers.active, true)))
      .orderBy(asc(staffUsers.id))
      .for("update");
    const losesAdmin = changes.active === false || changes.role === "staff";
    if (losesAdmin && admins.length === 1 && admins[0]?.id === id) {
      throw new AppError(
        "LAST_ADMIN",
        "This is the last active admin: make another account an admin first, then change this one.",
      );
    }
    const [row] = await tx
      .update(staffUsers)
      .set({
        ...(changes.role === undefined ? {} : { role: changes.role }),
        ...(changes.active === undefined ? {} : { active: changes.active }),
      })
      .where(eq(staffUsers.id, id))
      .returning(publicColumns);
    if (!row) throw new AppError("STAFF_NOT_FOUND", `No staff account with id ${id}.`);
    if (!row.active) await tx.delete(staffSessions).where(eq(staffSessions.userId, id));
    return row;
  });
}

export function setStaffActive(db: Db, id: string, active: boolean) {
  return updateStaffUser(db, id, { active });
}

/** A new password; every other session of the account ends (one left signed in elsewhere, say). */
export async function setStaffPassword(
  db: Db,
  params: { id: string; passwordHash: string; keepSessionTokenHash: string | undefined },
) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffUsers)
      .set({ passwordHash: params.passwordHash })
      .where(eq(staffUsers.id, params.id))
      .returning({ id: staffUsers.id });
    if (!row) throw new AppError("STAFF_NOT_FOUND", `No staff account with id ${params.id}.`);
    await tx
      .delete(staffSessions)
      .where(
        and(
          eq(staffSessions.userId, params.id),
          params.keepSessionTokenHash ? ne(staffSessions.tokenHash, params.keepSessionTokenHash) : undefined,
        ),
      );
  });
}

export async function createSession(db: Db, params: { tokenHash: string; userId: string; expiresAt: Date }) {
  await db.insert(staffSessions).values(params);
  await db.update(staffUsers).set({ lastLoginAt: sql`now()` }).where(eq(staffUsers.id, params.userId));
}

/** The signed-in user behind a session token hash, if the session is live and the user active. */
export async function findSessionUser(db: Db, tokenHash: string) {
  const [row] = await db
    .select(publicColumns)
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
    .where(
      and(
        eq(staffSessions.tokenHash, tokenHash),
        gt(staffSessions.expiresAt, sql`now()`),
        eq(staffUsers.active, true),
      ),
    );
  return row;
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Db) {
  await db.delete(staffSessions).where(lt(staffSessions.expiresAt, sql`now()`));
}

/**
 * The way back in for an admin who lost their password, run on the server (never over HTTP):
 * the account by that email becomes an active admin with this password, or is created as one,
 * and every session it had ends. Returns whether it was created.
 */
export async function recoverAdmin(
  db: Db,
  params: { email: string; name: string; passwordHash: string },
): Promise<{ created: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffUsers)
      .set({ passwordHash: params.passwordHash, role: "admin", active: true })
      .where(eq(sql`lower(${staffUsers.email})`, params.email.toLowerCase()))
      .returning({ id: staffUsers.id });
    if (row) {
      await tx.delete(staffSessions).where(eq(staffSessions.userId, row.id));
      return { created: false };
    }
    await tx.insert(staffUsers).values({
      email: params.email,
      name: params.name,
      role: "admin",
      passwordHash: params.passwordHash,
    });
    return { created: true };
  });
}
