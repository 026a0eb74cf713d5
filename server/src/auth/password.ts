import { hash, verify } from "@node-rs/argon2";

// Argon2id with the library's defaults (memory-hard; ~tens of ms per check on this class of machine).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const decoyHash = hash("autobolt-decoy-password");

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
