import type { ReactNode } from "react";
import { formatDate } from "~/utils/format";
import type { PortfolioReviewer } from "../schemas";

export interface PortfolioItemFacts {
  approvedAt: string;
  score: number;
  reviewer: PortfolioReviewer;
  skills: { key: string; name: string; weight: number }[];
  summary: string;
  reflection: string;
}

/** What an item says about the work, the same on the student's page and the public one. */
export function PortfolioItemBody({ item, headingLevel }: { item: PortfolioItemFacts; headingLevel: 3 | 4 }) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <>
      <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600">
        <div>
          <dt className="sr-only">Approved</dt>
          <dd>Approved {formatDate(item.approvedAt)}</dd>
        </div>
        <div>
          <dt className="sr-only">Score</dt>
          <dd>
            <span className="font-semibold text-slate-900">{item.score.toFixed(1)}</span> / 100 · {item.reviewer.label}
          </dd>
        </div>
      </dl>
      {item.skills.length > 0 ? (
        <ul aria-label="Skills" className="mt-3 flex flex-wrap gap-2">
          {item.skills.map((skill) => (
            <li key={skill.key} className="chip">
              {skill.name}
            </li>
          ))}
        </ul>
      ) : null}
      {item.summary ? <Passage heading="Review" Heading={Heading} text={item.summary} /> : null}
      {item.reflection ? <Passage heading="Reflection" Heading={Heading} text={item.reflection} /> : null}
    </>
  );
}

function Passage({ heading, Heading, text }: { heading: string; Heading: "h3" | "h4"; text: string }): ReactNode {
  return (
    <section className="mt-4">
      <Heading className="text-sm font-semibold text-slate-900">{heading}</Heading>
      <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{text}</p>
    </section>
  );
}
