import { UTApi, UTFile } from "uploadthing/server";
import { assertStorageKey, StorageObjectNotFoundError, type EvidenceStorage } from "./storage.server";

export interface UploadThingStorageOptions {
  /** UPLOADTHING_TOKEN: base64 JSON {apiKey, appId, regions}. */
  token: string;
  /**
   * Overrides for a local fake; unset, the SDK falls back to UPLOADTHING_API_URL,
   * UPLOADTHING_INGEST_URL (environment) and then to UploadThing's own hosts.
   */
  apiUrl?: string;
  ingestUrl?: string;
  logLevel?: "All" | "Fatal" | "Error" | "Warning" | "Info" | "Debug" | "Trace" | "None";
  fetch?: typeof globalThis.fetch;
}

export class UploadThingStorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UploadThingStorageError";
  }
}

/**
 * Production storage on UploadThing through its server SDK. Our random storage key is the
 * file's `customId`, so every call addresses files by it (`keyType: "customId"`); UploadThing's
 * own file key is never stored. Reads ask for a short-lived signed URL and stream it from the
 * CDN: the bucket URL is never handed to a browser, downloads go through our access check.
 */
export class UploadThingStorage implements EvidenceStorage {
  readonly backend = "UPLOADTHING" as const;
  readonly api: UTApi;
  private readonly fetchImpl: typeof globalThis.fetch;

  constructor(options: UploadThingStorageOptions) {
    const overrides = Object.fromEntries(
      Object.entries({ token: options.token, apiUrl: options.apiUrl, ingestUrl: options.ingestUrl, logLevel: options.logLevel }).filter(([, value]) => value !== undefined),
    );
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.api = new UTApi({ ...overrides, fetch: this.fetchImpl });
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    assertStorageKey(key);
    const file = new UTFile([new Uint8Array(data)], key, { customId: key, type: contentType });
    // Browsers never load these URLs directly; "attachment" keeps it that way if one ever does.
    const result = await this.api.uploadFiles(file, { contentDisposition: "attachment" });
    if (result.error) throw new UploadThingStorageError(`UploadThing upload failed: ${result.error.code} ${result.error.message}`, { cause: result.error });
  }

  async get(key: string): Promise<ReadableStream<Uint8Array>> {
    assertStorageKey(key);
    let signedUrl: string;
    try {
      const access = await this.api.getSignedURL(key, { keyType: "customId", expiresIn: 300 });
      signedUrl = access.ufsUrl || access.url;
    } catch (error) {
      if (isNotFound(error)) throw new StorageObjectNotFoundError(key);
      throw error;
    }
    const response = await this.fetchImpl(signedUrl);
    if (response.status === 404) throw new StorageObjectNotFoundError(key);
    if (!response.ok || !response.body) throw new UploadThingStorageError(`UploadThing download failed with status ${response.status}`);
    return response.body;
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await this.api.deleteFiles(key, { keyType: "customId" });
  }
}

function isNotFound(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? "") + String((error as { cause?: { message?: string } })?.cause?.message ?? "");
  return /\b404\b|not ?found/i.test(text);
}
