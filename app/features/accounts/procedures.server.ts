import { publicProcedure, router } from "~/trpc/init.server";

export const accountRouter = router({
  /** The signed-in user, or null. */
  me: publicProcedure.query(({ ctx }) => ctx.user),
});
