import { z } from "zod";
import { authedProcedure, router } from "~/trpc/init.server";
import { errorResponses } from "~/trpc/rest-meta";
import { changeHandleInput, changeHandleOutput, portfolioItemChoicesInput, portfolioItemChoicesOutput, portfolioOutput } from "./schemas";
import { changeHandle, listPortfolio, updatePortfolioItem } from "./service.server";

export const portfolioRouter = router({
  list: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/portfolio",
        protect: true,
        tags: ["Portfolio"],
        summary: "The caller's portfolio",
        description:
          "One item per approved attempt, newest approval first: the mission, when it was approved, the score and who scored it, the skills, the review's summary, the reflection and the attempt's evidence files. Items are private until the student shows them on their public page (`isPublic`), and only the files they chose (`public`) appear there.",
        successDescription: "The caller's portfolio items, handle and public page",
        errorResponses: errorResponses("UNAUTHENTICATED"),
      },
    })
    .input(z.void())
    .output(portfolioOutput)
    .query(({ ctx }) => listPortfolio(ctx.db, ctx.user)),

  /** Show or hide an item on the public page, and choose which of its files show. */
  update: authedProcedure
    .input(portfolioItemChoicesInput)
    .output(portfolioItemChoicesOutput)
    .mutation(({ ctx, input }) => updatePortfolioItem(ctx.db, ctx.user, input)),

  /** Choose the handle of the public page's address. */
  changeHandle: authedProcedure
    .input(changeHandleInput)
    .output(changeHandleOutput)
    .mutation(({ ctx, input }) => changeHandle(ctx.db, ctx.user, input)),
});
