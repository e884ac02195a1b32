import type { ReactNode } from "react";

/**
 * The mission page's two columns: the mission and the work, then the tools beside them. On wide
 * screens the tools (the step list, the recipes) stay in view while the work scrolls, and scroll
 * on their own if they are taller than the window.
 */
export function MissionColumns({ main, sidebar }: { main: ReactNode; sidebar: ReactNode }) {
  // The sidebar follows the main column in the document, so on small screens it stacks below it.
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] xl:gap-8">
      <div className="min-w-0 space-y-6">{main}</div>
      <aside
        className="min-w-0 space-y-6 lg:sticky lg:top-[81px] lg:max-h-[calc(100vh-97px)] lg:self-start lg:overflow-y-auto lg:overscroll-contain lg:pb-2"
        aria-label="Mission tools"
        data-testid="mission-tools"
      >
        {sidebar}
      </aside>
    </div>
  );
}
