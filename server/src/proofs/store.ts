import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  type Database,
  findProof,
  findProofContentTypes,
  insertProof,
  type ProofContentType,
} from "@autobolt/db";
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { ServerConfig } from "../config.ts";

export interface Proof {
  contentType: ProofContentType;
  bytes: Buffer;
}

/** Where proof screenshots live: somewhere every server process reads, by the id in their URL. */
export interface ProofStore {
  kind: "postgres" | "s3";
  put(id: string, proof: Proof): Promise<void>;
  get(id: string): Promise<Proof | undefined>;
  /** The stored proofs' content types, without reading their bytes; an id with none is left out. */
  contentTypesOf(ids: string[]): Promise<Map<string, ProofContentType>>;
  close(): void;
}

/** The default: a `proofs` row per screenshot, in the database every server already shares. */
export function postgresProofStore(database: Database): ProofStore {
  return {
    kind: "postgres",
    put: (id, proof) => insertProof(database.db, { id, ...proof }),
    get: (id) => findProof(database.db, id),
    contentTypesOf: (ids) => findProofContentTypes(database.db, ids),
    close() {},
  };
}

export interface S3Location {
  endpoint: string;
  bucket: string;
  prefix: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * `s3://KEY:SECRET@host[:port]/bucket[/prefix]` (HTTPS) or `s3+http://…` (plain HTTP, for a store
 * on the local network). Key and secret are URL-encoded, as a secret may hold `/` or `+`.
 */
export function parseS3Url(value: string): S3Location {
  const url = new URL(value);
  if (url.protocol !== "s3:" && url.protocol !== "s3+http:")
    throw new Error("AUTOBOLT_S3_URL must start with s3:// (HTTPS) or s3+http:// (plain HTTP)");
  const [bucket, ...prefix] = url.pathname.split("/").filter(Boolean);
  if (!url.host || !bucket || !url.username || !url.password)
    throw new Error("AUTOBOLT_S3_URL must look like s3://KEY:SECRET@host:port/bucket");
  return {
    endpoint: `${url.protocol === "s3:" ? "https" : "http"}://${url.host}`,
    bucket,
    prefix: prefix.map((p) => `${p}/`).join(""),
    accessKeyId: decodeURIComponent(url.username),
    secretAccessKey: decodeURIComponent(url.password),
  };
}

/** The option: objects `<prefix>proofs/<id>` in an S3-compatible bucket, through the AWS SDK. */
export async function s3ProofStore(location: S3Location, region: string): Promise<ProofStore> {
  const client = new S3Client({
    endpoint: location.endpoint,
    region,
    credentials: { accessKeyId: location.accessKeyId, secretAccessKey: location.secretAccessKey },
    // MinIO, Ceph, R2, s3rver and the like serve buckets by path, not by host name.
    forcePathStyle: true,
    // The SDK's default CRC checksums on every call are not understood by every compatible store.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  try {
    await client.send(new HeadBucketCommand({ Bucket: location.bucket }));
  } catch (error) {
    client.destroy();
    throw new Error(
      `AUTOBOLT_S3_URL: bucket "${location.bucket}" at ${location.endpoint} cannot be reached (${(error as Error).name}); create it or correct the URL.`,
    );
  }
  const key = (id: string) => `${location.prefix}proofs/${id}`;
  return {
    kind: "s3",
    async put(id, proof) {
      await client.send(
        new PutObjectCommand({
          Bucket: location.bucket,
          Key: key(id),
          Body: proof.bytes,
          ContentType: proof.contentType,
        }),
      );
    },
    async get(id) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: key(id) }));
        const contentType = object.ContentType;
        if (!object.Body || (contentType !== "image/png" && contentType !== "image/jpeg")) return undefined;
        return { contentType, bytes: Buffer.from(await object.Body.transformToByteArray()) };
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return undefined;
        throw error;
      }
    },
    async contentTypesOf(ids) {
      const found = new Map<string, ProofContentType>();
      await Promise.all(
        [...new Set(ids)].map(async (id) => {
          try {
            const head = await client.send(new HeadObjectCommand({ Bucket: location.bucket, Key: key(id) }));
            if (head.ContentType === "image/png" || head.ContentType === "image/jpeg")
              found.set(id, head.ContentType);
          } catch (error) {
            if (!(error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)) throw error;
          }
        }),
      );
      return found;
    },
    close: () => client.destroy(),
  };
}

export async function createProofStore(config: ServerConfig, database: Database): Promise<ProofStore> {
  if (!config.s3Url) return postgresProofStore(database);
  return s3ProofStore(parseS3Url(config.s3Url), config.s3Region);
}

/**
 * Proofs saved on one server's disk before the shared store existed
 * (`<data folder>/screenshots/<id>.<png|jpg>`): read on first request and copied into the store,
 * so each is served by every server from then on.
 */
export async function adoptLegacyProof(
  store: ProofStore,
  dataDir: string,
  id: string,
  extension: "png" | "jpg",
): Promise<Proof | undefined> {
  const bytes = await readFile(path.join(dataDir, "screenshots", `${id}.${extension}`)).catch(
    () => undefined,
  );
  if (!bytes) return undefined;
  const proof: Proof = { contentType: extension === "png" ? "image/png" : "image/jpeg", bytes };
  await store.put(id, proof);
  return proof;
}
