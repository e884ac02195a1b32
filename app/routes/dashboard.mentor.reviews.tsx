import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/page-header";
import { mentorQueue } from "~/features/mentoring/service.server";
import { requireRole } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Review queue · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const mentor = await requireRole(request, "MENTOR");
    return json({ queue: (await mentorQueue(getDb(), mentor, {})).items });
  });
}

export default function ReviewQueuePage() {
  const { queue } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Review queue" description="Mentor reviews requested by Premium students, oldest first." />
      {queue.length === 0 ? (
        <EmptyState title="The queue is empty">When a Premium student asks for a mentor review, it appears here.</EmptyState>
      ) : (
        <ul className="card divide-y divide-slate-100">
          {queue.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-4">
              <div>
                <p className="font-medium text-slate-900">{item.missionTitle}</p>
                <p className="text-sm text-slate-600">
                  {item.studentName} · attempt {item.attempt}
                </p>
              </div>
              <time className="text-sm text-slate-500" dateTime={item.requestedAt}>
                {formatDateTime(item.requestedAt)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
