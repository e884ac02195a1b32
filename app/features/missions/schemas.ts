import { z } from "zod";
import { DIFFICULTIES } from "~/domain/difficulty";

export const dashboardFilters = z.object({
  track: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9-]*$/, "Use a track's slug, e.g. defender-ops")
    .optional()
    .transform((value) => value || undefined),
  difficulty: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.enum(DIFFICULTIES, { message: `Use one of ${DIFFICULTIES.join(", ")}` }).optional()),
});
export type DashboardFilters = z.output<typeof dashboardFilters>;

/** The rest of the mission list page's address: `?show=all` lists every available mission, not the first few. */
export const missionListView = z.object({
  show: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.enum(["all"], { message: "Use show=all, or leave it out" }).optional()),
});
