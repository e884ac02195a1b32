import { safeHref } from "~/utils/html";
import type { MissionDetail } from "~/features/missions/service.server";

/** Short reads and exercises for the mission, the student's weakest skills first, and the skills it builds. */
export function RecipeSidebar({ mission }: { mission: Pick<MissionDetail["mission"], "recipes" | "skills"> }) {
  if (mission.recipes.length === 0) return null;
  return (
    <section aria-labelledby="recipes-heading" className="card p-5">
      <h2 id="recipes-heading" className="font-semibold text-slate-900">
        Recipes
      </h2>
      <p className="mt-1 text-xs text-slate-600">Short reads and exercises, for your weakest skills first.</p>
      <ul className="mt-3 space-y-3" data-testid="recipes">
        {mission.recipes.map((recipe) => {
          const href = safeHref(recipe.url);
          return (
            <li key={recipe.id} className="text-sm">
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {recipe.title}
                  <span className="sr-only"> (opens in a new tab)</span>
                </a>
              ) : (
                <span className="font-medium text-slate-900">{recipe.title}</span>
              )}
              <p className="text-xs text-slate-600">{`${recipe.skill.name} · ${recipe.minutes} min · your mastery ${Math.round(recipe.mastery)}/100`}</p>
            </li>
          );
        })}
      </ul>
      {mission.skills.length > 0 ? (
        <>
          <h3 className="mt-5 text-sm font-semibold text-slate-900">Skills this mission builds</h3>
          <ul className="mt-2 flex flex-wrap gap-2">
            {mission.skills.map((skill) => (
              <li key={skill.key} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {skill.name}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
