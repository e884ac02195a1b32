// Kept apart from the SDK adapter: the web server reads it at start-up without loading the SDK.

/**
 * Where browsers send evidence in UploadThing mode: the SDK hands them upload URLs on the ingest
 * host of the token's region (`https://<region>.<ingestHost>`), or on UPLOADTHING_INGEST_URL when
 * that is set. The page's Content-Security-Policy allows exactly these origins.
 */
export function uploadThingIngestOrigins(token: string, ingestUrl?: string): string[] {
  if (ingestUrl) {
    try {
      return [new URL(ingestUrl).origin];
    } catch {
      // the SDK refuses it too; fall through to the token's hosts
    }
  }
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { regions?: unknown; ingestHost?: unknown };
    const host = typeof parsed.ingestHost === "string" && parsed.ingestHost ? parsed.ingestHost : "ingest.uploadthing.com";
    const regions = Array.isArray(parsed.regions) ? parsed.regions.filter((region): region is string => typeof region === "string" && /^[a-z0-9-]+$/i.test(region)) : [];
    if (regions.length && /^[a-z0-9.-]+$/i.test(host)) return regions.map((region) => `https://${region}.${host}`);
  } catch {
    // not a token the SDK would accept either
  }
  return ["https://*.ingest.uploadthing.com"];
}
