import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as signupAction } from "~/routes/signup";
import { action as uploadthingAction } from "~/routes/api.uploadthing";
import { action as stripeWebhookAction } from "~/routes/api.webhooks.stripe";
import { action as forgotPasswordAction } from "~/routes/forgot-password";
import { action as resetPasswordAction } from "~/routes/reset-password";
import { action as verifyEmailAction } from "~/routes/verify-email";
import { action as notificationsAction } from "~/routes/dashboard.notifications";
import { action as accountAction } from "~/routes/dashboard.account";
import { action as emailSettingsAction } from "~/routes/dashboard.account_.email";
import { action as outboxAction } from "~/routes/dashboard.admin.outbox";
import { action as operationsAction } from "~/routes/dashboard.admin.operations";
import { action as onboardingAction } from "~/routes/dashboard.student.onboarding";
import { action as overviewAction } from "~/routes/dashboard._index";
import { action as missionListAction } from "~/routes/dashboard.student.missions._index";
import { action as missionAction } from "~/routes/dashboard.student.missions.$id";
import { action as portfolioAction } from "~/routes/dashboard.student.portfolio";
import { action as mentorQueueAction } from "~/routes/dashboard.mentor.reviews._index";
import { action as mentorReviewAction } from "~/routes/dashboard.mentor.reviews.$reviewId";
import { action as mentorsAdminAction } from "~/routes/dashboard.admin.mentors";
import { action as billingAction } from "~/routes/billing._index";
import { action as checkoutAction } from "~/routes/billing.checkout";
import { action as portalAction } from "~/routes/billing.portal";
import { action as testCheckoutAction } from "~/routes/billing.test-checkout.$sessionId";
import { action as billingAdminAction } from "~/routes/dashboard.admin.billing";
import { action as agreementAction } from "~/routes/dashboard.admin.agreement";
import { action as adminUserAction } from "~/routes/dashboard.admin.users.$userId";
import { action as academyAction } from "~/routes/dashboard.admin.academy._index";
import { action as missionEditorAction } from "~/routes/dashboard.admin.academy.missions.$slug";
import { action as markdownPreviewAction } from "~/routes/dashboard.admin.academy.markdown";
import { action as trackEditorAction } from "~/routes/dashboard.admin.academy.tracks.$slug";
import { serveApiForTests } from "~/testing/api-server";
import { createSignedInUser, TEST_PASSWORD } from "~/testing/factories";
import { runFuzz, trpcProceduresOf, type FuzzTransport } from "~/testing/fuzz";
import { createMission, startProgress } from "~/testing/missions";
import { appRouter } from "~/trpc/root.server";
import { getDb } from "~/utils/db.server";

// Generated bad input at every REST v1 operation, every tRPC procedure and every page action,
// as a signed-in student with a mission under way: no answer may be a 5xx.
const api = serveApiForTests();

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

/** The pages' actions, by path, called as Remix calls them (the test server serves no pages). */
const PAGE_ACTIONS: [RegExp, Action][] = [
  [/^\/login$/, loginAction],
  [/^\/signup$/, signupAction],
  [/^\/forgot-password$/, forgotPasswordAction],
  [/^\/reset-password$/, resetPasswordAction],
  [/^\/verify-email$/, verifyEmailAction],
  [/^\/logout$/, logoutAction],
  [/^\/dashboard\/notifications$/, notificationsAction],
  [/^\/dashboard\/account$/, accountAction],
  [/^\/dashboard\/account\/email$/, emailSettingsAction],
  [/^\/dashboard\/admin\/outbox$/, outboxAction],
  [/^\/dashboard\/admin\/operations$/, operationsAction],
  [/^\/dashboard\/student\/onboarding$/, onboardingAction],
  [/^\/dashboard$/, overviewAction],
  [/^\/dashboard\/student\/missions$/, missionListAction],
  [/^\/dashboard\/student\/missions\/(?<id>[^/]+)$/, missionAction],
  [/^\/dashboard\/student\/portfolio$/, portfolioAction],
  [/^\/dashboard\/mentor\/reviews$/, mentorQueueAction],
  [/^\/dashboard\/mentor\/reviews\/(?<reviewId>[^/]+)$/, mentorReviewAction],
  [/^\/dashboard\/admin\/mentors$/, mentorsAdminAction],
  [/^\/billing$/, billingAction],
  [/^\/billing\/checkout$/, checkoutAction],
  [/^\/billing\/portal$/, portalAction],
  [/^\/billing\/test-checkout\/(?<sessionId>[^/]+)$/, testCheckoutAction],
  [/^\/dashboard\/admin\/billing$/, billingAdminAction],
  [/^\/dashboard\/admin\/agreement$/, agreementAction],
  [/^\/dashboard\/admin\/users\/(?<userId>[^/]+)$/, adminUserAction],
  [/^\/dashboard\/admin\/academy$/, academyAction],
  [/^\/dashboard\/admin\/academy\/missions\/(?<slug>[^/]+)$/, missionEditorAction],
  [/^\/dashboard\/admin\/academy\/markdown$/, markdownPreviewAction],
  [/^\/dashboard\/admin\/academy\/tracks\/(?<slug>[^/]+)$/, trackEditorAction],
];

let pageRequests = 0;
const pageActions: FuzzTransport = async (request) => {
  const url = new URL(request.path, "http://mxp.test");
  const match = PAGE_ACTIONS.map(([pattern, action]) => ({ found: pattern.exec(url.pathname), action })).find(({ found }) => found);
  if (!match) throw new Error(`No page action for ${url.pathname}`);
  const params = Object.fromEntries(Object.entries(match.found!.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]));
  const fetchRequest = new Request(url, { method: request.method, headers: request.headers, body: request.body });
  let answer: unknown;
  try {
    answer = await match.action({ request: fetchRequest, params, context: { clientAddress: `198.51.100.${++pageRequests % 250}`, requestId: "fuzz" } });
  } catch (thrown) {
    // Remix sends a thrown Response as it is; anything else thrown is a 500.
    if (!(thrown instanceof Response)) throw thrown;
    answer = thrown;
  }
  if (!(answer instanceof Response)) return { status: 200, body: JSON.stringify(answer) };
  return { status: answer.status, body: await answer.text() };
};

describe("bad input", () => {
  it("reaches every page that has an action", () => {
    const routes = import.meta.glob<{ action?: unknown }>("../routes/*.{ts,tsx}", { eager: true });
    const withAction = Object.entries(routes)
      .filter(([file, module]) => !file.includes(".test.") && typeof module.action === "function")
      .map(([, module]) => module.action);
    const reached = new Set(PAGE_ACTIONS.map(([, action]) => action));
    // UploadThing's own handler (its signed callback) and Stripe's signed webhook are not forms: their tests are their own.
    const unreached = withAction.filter((action) => !reached.has(action as Action) && action !== uploadthingAction && action !== stripeWebhookAction);
    expect(unreached).toEqual([]);
  });

  // Its time grows with every operation and page action it covers; a shared machine stretches it further.
  it("never gets a 5xx from a REST operation, a tRPC procedure or a page action", { timeout: 300_000 }, async () => {
    const { user, token } = await createSignedInUser();
    const mission = await createMission();
    const progress = await startProgress(user.id, mission.id);

    const result = await runFuzz({
      baseUrl: api.url,
      token,
      known: {
        missionId: mission.id,
        progressId: progress.id,
        subtaskId: mission.subtasks[1]!.id,
        version: progress.version,
        credentials: { email: user.email, password: TEST_PASSWORD },
      },
      procedures: trpcProceduresOf(appRouter),
      pages: pageActions,
      seed: 42,
      runsPerOperation: 40,
    });

    console.info(`fuzz: ${result.tried} bad inputs tried, ${result.fiveHundreds} answered 5xx`);
    expect(result.failures).toEqual([]);
    expect(result.fiveHundreds).toBe(0);
    expect(result.tried).toBeGreaterThan(500);
  });

  // As a student, the back office stops at the role check; as an administrator the same bad input
  // reaches its services: the academy's authoring (a published mission with a draft, a track new
  // missions join, a skill they may name), the users, billing grants and the agreement report.
  it("never gets a 5xx from the back office as an administrator", { timeout: 300_000 }, async () => {
    const { user, token } = await createSignedInUser({ role: "ADMIN" });
    const mission = await createMission({ skills: [{ key: "fuzz-skill", weight: 1 }] });
    const track = await getDb().track.findUniqueOrThrow({ where: { id: mission.trackId }, select: { slug: true } });
    const progress = await startProgress(user.id, mission.id);

    const result = await runFuzz({
      baseUrl: api.url,
      token,
      known: {
        missionId: mission.id,
        progressId: progress.id,
        subtaskId: mission.subtasks[1]!.id,
        version: progress.version,
        credentials: { email: user.email, password: TEST_PASSWORD },
        missionSlug: mission.slug,
        trackSlug: track.slug,
        skillKey: "fuzz-skill",
      },
      only: (operation) => /^(REST \w+ \/admin\/|tRPC (academy|billingAdmin)\.|page action \/dashboard\/admin\/)/.test(operation),
      procedures: trpcProceduresOf(appRouter),
      pages: pageActions,
      seed: 42,
      runsPerOperation: 40,
    });

    console.info(`fuzz (administrator): ${result.tried} bad inputs tried, ${result.fiveHundreds} answered 5xx`);
    expect(result.failures).toEqual([]);
    expect(result.fiveHundreds).toBe(0);
    expect(result.tried).toBeGreaterThan(500);
  });
});
