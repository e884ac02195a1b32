import { authedProcedure, router } from "~/trpc/init.server";
import { completeOnboarding, onboardingInput } from "./service.server";

export const onboardingRouter = router({
  complete: authedProcedure.input(onboardingInput).mutation(({ ctx, input }) => completeOnboarding(ctx.db, ctx.user, input)),
});
