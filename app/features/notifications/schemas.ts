import { z } from "zod";
import { idSchema } from "~/utils/validation";
import { EMAIL_KIND_KEYS, type EmailKind } from "./email-kinds";

export const listNotificationsInput = z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 });

export const notificationsOutput = z.object({
  items: z.array(
    z.object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), readAt: z.date().nullable(), createdAt: z.date() }),
  ),
  unread: z.number().int(),
});

export const markReadInput = z.object({ ids: z.array(idSchema).max(100).optional() });

export const markReadOutput = z.object({ updated: z.number().int() });

export const emailKindSchema = z.enum(EMAIL_KIND_KEYS as [EmailKind, ...EmailKind[]]);

export const emailSettingsOutput = z.object({
  kinds: z.array(z.object({ kind: emailKindSchema, label: z.string(), description: z.string(), email: z.boolean() })),
});

/** Kinds left out keep their setting. */
export const updateEmailSettingsInput = z.object({
  email: z.partialRecord(emailKindSchema, z.boolean({ message: "Say true (e-mail me) or false (do not)." })),
});
