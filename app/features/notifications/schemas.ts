import { z } from "zod";
import { idSchema } from "~/utils/validation";

export const listNotificationsInput = z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 });

export const notificationsOutput = z.object({
  items: z.array(
    z.object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), readAt: z.date().nullable(), createdAt: z.date() }),
  ),
  unread: z.number().int(),
});

export const markReadInput = z.object({ ids: z.array(idSchema).max(100).optional() });

export const markReadOutput = z.object({ updated: z.number().int() });
