import { authedProcedure, router } from "~/trpc/init.server";
import { onboardingInput, onboardingOutput } from "./schemas";
import { completeOnboarding } from "./service.server";

export const onboardingRouter = router({
  complete: authedProcedure
    .input(onboardingInput)
    .output(onboardingOutput)
    .mutation(({ ctx, input }) => completeOnboarding(ctx.db, ctx.user, input)),
});
