import type { ReactNode } from "react";
import { PublicLayout } from "~/components/public-layout";

/** The frame of the billing pages: the site's header, a narrow column. */
export function BillingShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <PublicLayout>
      <div className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
        <div className="mt-6 space-y-6">{children}</div>
      </div>
    </PublicLayout>
  );
}
