import { z } from "zod";

export const submitInput = z.object({
  reflection: z.string({ message: "Write a reflection" }).max(20_000, "Keep the reflection under 20,000 characters"),
});
