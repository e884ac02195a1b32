import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireRole } from "~/features/accounts/auth.server";
import { AppError } from "~/utils/errors";
import { renderMarkdown } from "~/utils/markdown.server";
import { pageAction } from "~/utils/page.server";

/** The mission editor's live preview: markdown rendered by the renderer students' pages use. */
export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    await requireRole(request, "ADMIN");
    const markdown = form.get("markdown");
    if (typeof markdown !== "string") throw new AppError("VALIDATION_FAILED", "Send the markdown to preview as `markdown`.");
    if (markdown.length > 20_000) throw new AppError("VALIDATION_FAILED", "The preview shows at most 20,000 characters.");
    return json({ html: renderMarkdown(markdown) });
  });
}
