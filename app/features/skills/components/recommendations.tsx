import { Link } from "@remix-run/react";
import type { Recommendations } from "../service.server";

/** A few lines on the mission dashboard: a recipe for each of the weakest skills and lowest-scored criteria. */
export function PractiseNext({ recommendations }: { recommendations: Recommendations }) {
  const { skills, criteria } = recommendations;
  if (skills.length === 0 && criteria.length === 0) return null;
  return (
    <section aria-labelledby="practise-heading" className="card mb-8 p-5">
      <h2 id="practise-heading" className="font-semibold text-slate-900">
        Practise next
      </h2>
      <ul className="mt-2 space-y-2 text-sm text-slate-700">
        {skills.map((skill) => (
          <li key={`skill-${skill.key}`}>
            <span className="font-medium text-slate-900">{skill.name}</span> is one of your weakest skills ({skill.mastery.toFixed(1)} of 100):{" "}
            <a href={skill.recipe.url} className="link" rel="noopener noreferrer" target="_blank">
              {skill.recipe.title}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>{" "}
            <span className="text-slate-500">({skill.recipe.minutes} min)</span>
          </li>
        ))}
        {criteria.map((criterion) => (
          <li key={`criterion-${criterion.mission.slug}-${criterion.title}`}>
            <span className="font-medium text-slate-900">{criterion.title}</span> scored {criterion.score} of {criterion.maxScore} on{" "}
            <Link to={`/dashboard/student/missions/${criterion.mission.slug}`} className="link">
              {criterion.mission.title}
            </Link>
            {criterion.recipe ? (
              <>
                :{" "}
                <a href={criterion.recipe.url} className="link" rel="noopener noreferrer" target="_blank">
                  {criterion.recipe.title}
                  <span className="sr-only"> (opens in a new tab)</span>
                </a>{" "}
                <span className="text-slate-500">({criterion.recipe.minutes} min)</span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm">
        <Link to="/dashboard/student/skills" className="link">
          See all your skills
        </Link>
      </p>
    </section>
  );
}
