import type { ReactNode } from "react";

/** The mission page's two columns: the mission and the work, then the tools beside them. */
export function MissionColumns({ main, sidebar }: { main: ReactNode; sidebar: ReactNode }) {
  // The sidebar follows the main column in the document, so on small screens it stacks below it.
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-10">{main}</div>
      <aside className="min-w-0 space-y-6" aria-label="Mission tools">
        {sidebar}
      </aside>
    </div>
  );
}
