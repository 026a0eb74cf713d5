import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ServerConfig } from "../config.ts";

/**
 * The key directory-account passwords are encrypted with (AES-256-GCM): AUTOBOLT_SECRET_KEY, or for
 * the embedded default one generated once and kept in the data folder like the API key. With
 * DATABASE_URL every server must decrypt what another encrypted, so there it has to be set.
 */
export function resolveSecretKey(config: ServerConfig): Buffer {
  if (config.secretKey) return decodeKey(config.secretKey);
  if (config.databaseUrl) {
    throw new Error(
      "AUTOBOLT_SECRET_KEY is not set. With DATABASE_URL every server must share it to read the directory accounts: set 32 random bytes as 64 hex digits (openssl rand -hex 32) for all of them.",
    );
  }
  const keyFile = path.join(config.dataDir, "secret-key");
  if (existsSync(keyFile)) return decodeKey(readFileSync(keyFile, "utf8").trim());
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString("hex")}\n`, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  return key;
}

function decodeKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) throw new Error("AUTOBOLT_SECRET_KEY must be 32 bytes (64 hex digits or base64).");
  return key;
}

export interface Sealed {
  cipher: string;
  iv: string;
  tag: string;
}

/** A fresh 96-bit IV per value; the tag makes any change to the stored bytes fail to open. */
export function seal(key: Buffer, plain: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return {
    cipher: data.toString("base64"),
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
  };
}

export function open(key: Buffer, sealed: Sealed): string {
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64"));
  decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(sealed.cipher, "base64")), decipher.final()]).toString(
    "utf8",
  );
}
