// Formats shared by every page. Times are written in UTC with the zone named: the server and
// the browser render the same text (no hydration mismatch), whatever time zone either runs in.
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "25 November 2026" (the UTC date). */
export function formatDate(value: Date | string): string {
  return DATE.format(new Date(value));
}

/** A mission's estimated time: "45 min", "1.5 h" (to the half hour). */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  return `${Math.round((minutes / 60) * 2) / 2} h`;
}

/** "25 November 2026 at 18:05 UTC" */
export function formatDateTime(value: Date | string): string {
  return DATE_TIME.format(new Date(value));
}

/** How long something has waited, to the unit that matters: "under a minute", "12 min", "3 h 5 min", "2 days". */
export function formatWaited(seconds: number): string {
  if (seconds < 60) return "under a minute";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}
