import { DIFFICULTIES, DIFFICULTY_LABELS, type Difficulty } from "~/domain/difficulty";
import { monthLabel, type HeatMap } from "~/domain/heat-map";

/** One hue, darker with each level, so the order reads without telling colours apart. */
const FILL: Record<Difficulty, string> = { NOVICE: "#dbeafe", BEGINNER: "#93c5fd", INTERMEDIATE: "#3b82f6", ADVANCED: "#1d4ed8", ELITE: "#1e3a8a" };
const INK: Record<Difficulty, string> = { NOVICE: "#1e3a8a", BEGINNER: "#1e3a8a", INTERMEDIATE: "#ffffff", ADVANCED: "#ffffff", ELITE: "#ffffff" };

const LABEL_WIDTH = 190;
const CELL_WIDTH = 64;
const CELL_HEIGHT = 32;
const HEADER_HEIGHT = 28;
const GAP = 3;
const NAME_CHARACTERS = 26;

function shortName(name: string): string {
  return name.length <= NAME_CHARACTERS ? name : `${name.slice(0, NAME_CHARACTERS - 1).trimEnd()}…`;
}

function cellText(mastery: number | null, level: Difficulty | null, evidence: number): string {
  if (mastery === null || level === null) return "no evidence yet";
  const approvals = evidence === 0 ? "no new approvals" : evidence === 1 ? "1 approval" : `${evidence} approvals`;
  return `${mastery.toFixed(1)} (${DIFFICULTY_LABELS[level]}), ${approvals}`;
}

/**
 * The skills × months heat-map, drawn as SVG in the server's HTML (no script needed). The picture
 * is hidden from screen readers; the same values follow as a table they read.
 */
export function SkillHeatMap({ heatMap, headingId }: { heatMap: HeatMap; headingId: string }) {
  const width = LABEL_WIDTH + heatMap.months.length * (CELL_WIDTH + GAP);
  const height = HEADER_HEIGHT + heatMap.rows.length * (CELL_HEIGHT + GAP);
  return (
    <>
      {/* Wider than a phone: the picture scrolls sideways, so it can be reached and scrolled by keyboard. */}
      <div
        className="overflow-x-auto rounded focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region with no link in it: the keyboard needs it focusable to scroll it
        tabIndex={0}
        role="region"
        aria-label="Heat-map picture"
      >
        <svg
          aria-hidden="true"
          data-testid="heat-map"
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          className="max-w-none font-sans"
          xmlns="http://www.w3.org/2000/svg"
        >
          {heatMap.months.map((month, column) => (
            <text key={month} x={LABEL_WIDTH + column * (CELL_WIDTH + GAP) + CELL_WIDTH / 2} y={HEADER_HEIGHT - 10} textAnchor="middle" fontSize="11" fill="#475569">
              {monthLabel(month)}
            </text>
          ))}
          {heatMap.rows.map((row, line) => {
            const y = HEADER_HEIGHT + line * (CELL_HEIGHT + GAP);
            return (
              <g key={row.key}>
                <text x={0} y={y + CELL_HEIGHT / 2 + 4} fontSize="13" fill="#0f172a">
                  {shortName(row.name)}
                </text>
                {row.cells.map((cell, column) => {
                  const x = LABEL_WIDTH + column * (CELL_WIDTH + GAP);
                  return (
                    <g key={cell.month}>
                      <title>{`${row.name}, ${monthLabel(cell.month)}: ${cellText(cell.mastery, cell.level, cell.evidence)}`}</title>
                      <rect
                        x={x}
                        y={y}
                        width={CELL_WIDTH}
                        height={CELL_HEIGHT}
                        rx={4}
                        fill={cell.level ? FILL[cell.level] : "#f8fafc"}
                        stroke={cell.level ? "none" : "#cbd5e1"}
                        strokeDasharray={cell.level ? undefined : "3 3"}
                      />
                      {cell.mastery !== null && cell.level ? (
                        <text
                          x={x + CELL_WIDTH / 2}
                          y={y + CELL_HEIGHT / 2 + 4}
                          textAnchor="middle"
                          fontSize="12"
                          fontWeight={cell.evidence > 0 ? 700 : 400}
                          fill={INK[cell.level]}
                        >
                          {Math.round(cell.mastery)}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      </div>
      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden="true">
        {DIFFICULTIES.map((level) => (
          <li key={level} className="flex items-center gap-1">
            <span className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: FILL[level] }} />
            {DIFFICULTY_LABELS[level]}
          </li>
        ))}
        <li className="flex items-center gap-1">
          <span className="inline-block h-3 w-3 rounded-sm border border-dashed border-slate-300 bg-slate-50" />
          No evidence yet
        </li>
        <li>Bold: the month had an approval.</li>
      </ul>
      {/* A table keeps its content's width even when told to be 1 px: the hidden box around it clips it, so it never widens the page. */}
      <div className="sr-only">
        <table aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Skill</th>
              {heatMap.months.map((month) => (
                <th key={month} scope="col">
                  {monthLabel(month)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heatMap.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.name}</th>
                {row.cells.map((cell) => (
                  <td key={cell.month}>{cellText(cell.mastery, cell.level, cell.evidence)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
