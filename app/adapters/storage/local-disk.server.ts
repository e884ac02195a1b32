import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { assertStorageKey, StorageObjectNotFoundError, type EvidenceStorage } from "./storage.server";

/**
 * The offline default: files under `<root>/<first two characters of the key>/<key>`
 * (root = $DATA_DIR/uploads). Writes go to a temporary file that is flushed and renamed into
 * place, so a reader never sees half a file and a crash leaves no partial evidence behind.
 */
export class LocalDiskStorage implements EvidenceStorage {
  readonly backend = "LOCAL" as const;
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  pathFor(key: string): string {
    assertStorageKey(key);
    const target = path.join(this.root, key.slice(0, 2), key);
    // Belt and braces: the key pattern already rules out separators and dots.
    if (!target.startsWith(this.root + path.sep)) throw new Error("Invalid storage key");
    return target;
  }

  async put(key: string, data: Buffer, _contentType: string): Promise<void> {
    const target = this.pathFor(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const temporary = `${target}.${crypto.randomBytes(6).toString("hex")}.tmp`;
    try {
      const handle = await fs.promises.open(temporary, "wx", 0o600);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temporary, target);
    } catch (error) {
      await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<ReadableStream<Uint8Array>> {
    const target = this.pathFor(key);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(target, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new StorageObjectNotFoundError(key);
      throw error;
    }
    return Readable.toWeb(handle.createReadStream({ autoClose: true })) as ReadableStream<Uint8Array>;
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathFor(key), { force: true });
  }
}
