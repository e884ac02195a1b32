import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeUploadThing, type FakeUploadThing } from "~/testing/fake-uploadthing";
import { newStorageKey, readStream, StorageObjectNotFoundError } from "./storage.server";
import { UploadThingStorage } from "./uploadthing.server";

let fake: FakeUploadThing;
let storage: UploadThingStorage;

beforeAll(async () => {
  fake = await startFakeUploadThing();
  storage = new UploadThingStorage({ token: fake.token, apiUrl: fake.url, ingestUrl: fake.url, logLevel: "None" });
});

afterAll(async () => {
  await fake.close();
});

describe("UploadThingStorage through the real uploadthing SDK", () => {
  it("round-trips put, get and delete addressed by our random key (customId)", async () => {
    const key = newStorageKey();
    const data = crypto.randomBytes(200_000);
    await storage.put(key, data, "application/vnd.tcpdump.pcap");

    const stored = fake.findByCustomId(key);
    expect(stored).toBeDefined();
    expect(stored!.data.equals(data)).toBe(true);
    expect(stored!.type).toBe("application/vnd.tcpdump.pcap");
    expect(stored!.contentDisposition).toBe("attachment");
    expect(stored!.key).not.toBe(key); // UploadThing's own key; we never store it

    const read = await readStream(await storage.get(key));
    expect(read.equals(data)).toBe(true);

    await storage.delete(key);
    expect(fake.findByCustomId(key)).toBeUndefined();
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageObjectNotFoundError);
    await storage.delete(key); // idempotent
  });

  it("made the calls UploadThing's API defines, with signed URLs", async () => {
    const paths = fake.requests.map((request) => `${request.method} ${request.path.replace(/^\/[A-Za-z0-9]{20,}$/, "/<fileKey>")}`);
    expect(paths).toEqual(expect.arrayContaining(["PUT /<fileKey>", "POST /v6/requestFileAccess", "POST /v6/deleteFiles"]));
    expect(paths.some((path) => path.startsWith("GET /f/"))).toBe(true);
  });

  it("fails loudly with a wrong API key", async () => {
    const wrongToken = Buffer.from(JSON.stringify({ apiKey: "sk_test_wrong", appId: fake.appId, regions: ["fake-region"] })).toString("base64");
    const wrong = new UploadThingStorage({ token: wrongToken, apiUrl: fake.url, ingestUrl: fake.url, logLevel: "None" });
    await expect(wrong.put(newStorageKey(), Buffer.from("hello"), "text/plain")).rejects.toThrow(/upload failed/i);
    await expect(wrong.delete(newStorageKey())).rejects.toThrow();
  });

  it("refuses keys that are not ours", async () => {
    await expect(storage.put("../etc/passwd", Buffer.from("x"), "text/plain")).rejects.toThrow(/Invalid storage key/);
  });
});
