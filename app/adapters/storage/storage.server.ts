import crypto from "node:crypto";
import type { $Enums } from "@prisma/client";
import type { Assert, Same } from "~/domain/database-enums";
import path from "node:path";
import { getEnv } from "~/utils/env.server";
import { LocalDiskStorage } from "./local-disk.server";

export const STORAGE_BACKENDS = ["LOCAL", "UPLOADTHING"] as const satisfies readonly $Enums.StorageBackend[];
export type StorageBackend = (typeof STORAGE_BACKENDS)[number];
export type StorageBackendsMatchTheDatabase = Assert<Same<StorageBackend, $Enums.StorageBackend>>;

/**
 * Where evidence bytes live. Keys are random (see `newStorageKey`), never derived from a file's
 * name; who may read a file is decided by the evidence service before `get` is called.
 */
export interface EvidenceStorage {
  readonly backend: StorageBackend;
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** Rejects with `StorageObjectNotFoundError` when nothing is stored under the key. */
  get(key: string): Promise<ReadableStream<Uint8Array> | NodeJS.ReadableStream>;
  /** Idempotent: deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export class StorageObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object under key ${key}`);
    this.name = "StorageObjectNotFoundError";
  }
}

/** 32 lowercase hex characters, or a UUID: nothing a path or URL could be smuggled through. */
export const STORAGE_KEY_PATTERN = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function newStorageKey(): string {
  return crypto.randomBytes(16).toString("hex");
}

export function assertStorageKey(key: string): void {
  if (typeof key !== "string" || !STORAGE_KEY_PATTERN.test(key)) throw new Error("Invalid storage key");
}

/**
 * UploadThing's SDK takes seconds to import, so its adapter is loaded on first use, and only
 * where UploadThing is configured: development, tests and local-disk deployments never pay it.
 */
class LazyUploadThingStorage implements EvidenceStorage {
  readonly backend = "UPLOADTHING" as const;
  #storage: Promise<EvidenceStorage> | undefined;

  constructor(private readonly token: string) {}

  #load(): Promise<EvidenceStorage> {
    // The SDK reads UPLOADTHING_API_URL / UPLOADTHING_INGEST_URL / UPLOADTHING_LOG_LEVEL itself.
    return (this.#storage ??= import("./uploadthing.server").then(({ UploadThingStorage }) => new UploadThingStorage({ token: this.token })));
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    await (await this.#load()).put(key, data, contentType);
  }

  async get(key: string): Promise<ReadableStream<Uint8Array> | NodeJS.ReadableStream> {
    return await (await this.#load()).get(key);
  }

  async delete(key: string): Promise<void> {
    await (await this.#load()).delete(key);
  }
}

const cache = new Map<string, EvidenceStorage>();

/** The adapter for one backend; rows remember theirs, so files survive a switch of backend. */
export function evidenceStorageFor(backend: StorageBackend): EvidenceStorage {
  const env = getEnv();
  if (backend === "UPLOADTHING") {
    if (!env.UPLOADTHING_TOKEN) throw new Error("This file is stored on UploadThing, but UPLOADTHING_TOKEN is not set");
    const cacheKey = `UPLOADTHING:${env.UPLOADTHING_TOKEN}`;
    let storage = cache.get(cacheKey);
    if (!storage) {
      storage = new LazyUploadThingStorage(env.UPLOADTHING_TOKEN);
      cache.set(cacheKey, storage);
    }
    return storage;
  }
  const root = path.resolve(env.DATA_DIR, "uploads");
  const cacheKey = `LOCAL:${root}`;
  let storage = cache.get(cacheKey);
  if (!storage) {
    storage = new LocalDiskStorage(root);
    cache.set(cacheKey, storage);
  }
  return storage;
}

/** The backend new uploads go to: UploadThing when UPLOADTHING_TOKEN is set, else local disk. */
export function getEvidenceStorage(): EvidenceStorage {
  return evidenceStorageFor(getEnv().UPLOADTHING_TOKEN ? "UPLOADTHING" : "LOCAL");
}

/** Node and web streams alike, as a web stream for a `Response`. */
export async function toWebStream(stream: ReadableStream<Uint8Array> | NodeJS.ReadableStream): Promise<ReadableStream<Uint8Array>> {
  if (stream instanceof ReadableStream) return stream;
  const { Readable } = await import("node:stream");
  return Readable.toWeb(stream as import("node:stream").Readable) as ReadableStream<Uint8Array>;
}

/** Reads up to `limit` bytes (all of it by default) into memory, e.g. to check a stored file's type. */
export async function readStream(stream: ReadableStream<Uint8Array> | NodeJS.ReadableStream, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const reader = (await toWebStream(stream)).getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const all = Buffer.concat(chunks);
  return size > limit ? all.subarray(0, limit) : all;
}
