import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireRole } from "~/features/accounts/auth.server";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

/** The review pipeline's page became part of the operations page; links in e-mails already sent lead there. */
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    await requireRole(request, "ADMIN");
    throw redirect("/dashboard/admin/operations#failed-reviews");
  });
}
