import { redirect } from "@remix-run/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logger } from "~/server/logger.server";
import { getDb } from "./db.server";
import { AppError } from "./errors";
import type { FormFailure } from "./forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { pageAction as runAction, pageLoader as runLoader, type PageActionOptions } from "./page.server";

// Route modules call the wrappers inside their exported functions; these make such functions.
const pageLoader =
  <T>(load: (args: LoaderFunctionArgs) => Promise<T>) =>
  (args: LoaderFunctionArgs) =>
    runLoader(args, load);
const pageAction =
  <T>(act: (args: ActionFunctionArgs & { form: FormData }) => Promise<T>, options?: PageActionOptions) =>
  (args: ActionFunctionArgs) =>
    runAction(args, act, options);

const context = { clientAddress: "198.51.100.7", requestId: "req-page-test" };

function get(path: string) {
  return { request: new Request(`http://mxp.test${path}`), params: {}, context };
}

function post(path: string, fields: Record<string, string>) {
  return { request: new Request(`http://mxp.test${path}`, { method: "POST", body: new URLSearchParams(fields) }), params: {}, context };
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("pageLoader", () => {
  it("passes what the loader returns through untouched", async () => {
    const loader = pageLoader(async () => ({ ok: true }));
    expect(await loader(get("/x"))).toEqual({ ok: true });
  });

  it("lets thrown responses (the redirect to log-in) through as they are", async () => {
    const response = redirect("/login?redirectTo=%2Fx");
    const loader = pageLoader(async () => {
      throw response;
    });
    expect(await thrown(loader(get("/x")))).toBe(response);
  });

  it("turns an AppError into a thrown JSON response with its status, code, message and details", async () => {
    const errorLog = vi.spyOn(logger, "error");
    const loader = pageLoader(async () => {
      throw new AppError("VALIDATION_FAILED", "Some of the filters in this address are not valid.", { fieldErrors: { difficulty: ["Use one of NOVICE, BEGINNER"] } });
    });
    const response = (await thrown(loader(get("/x?difficulty=x")))) as Response;
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: {
        code: "VALIDATION_FAILED",
        message: "Some of the filters in this address are not valid.",
        details: { fieldErrors: { difficulty: ["Use one of NOVICE, BEGINNER"] } },
      },
    });
    // A person's mistake is an answer, not a failure to log.
    expect(errorLog).not.toHaveBeenCalled();
  });

  it("tells a rate-limited visitor when to come back", async () => {
    const loader = pageLoader(async () => {
      throw new AppError("RATE_LIMITED", "Too many requests.", undefined, { retryAfter: 12 });
    });
    const response = (await thrown(loader(get("/x")))) as Response;
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("12");
  });

  it("logs an unexpected error once with the request id and answers a generic 500 without a stack", async () => {
    const errorLog = vi.spyOn(logger, "error");
    const bug = new TypeError("cannot read properties of undefined (reading 'secret')");
    const loader = pageLoader(async () => {
      throw bug;
    });
    const response = (await thrown(loader(get("/dashboard/x?y=1")))) as Response;
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: expect.stringMatching(/^Something went wrong on our side/) } });
    expect(text).not.toMatch(/stack|secret|TypeError|at .*\.ts/);
    expect(errorLog).toHaveBeenCalledTimes(1);
    expect(errorLog).toHaveBeenCalledWith({ error: bug, requestId: "req-page-test", method: "GET", path: "/dashboard/x" }, "page loader failed");
  });

  it("does not log failures of requests the visitor abandoned", async () => {
    const errorLog = vi.spyOn(logger, "error");
    const controller = new AbortController();
    controller.abort();
    const loader = pageLoader(async () => {
      throw new Error("aborted");
    });
    const response = (await thrown(loader({ request: new Request("http://mxp.test/x", { signal: controller.signal }), params: {}, context }))) as Response;
    expect(response.status).toBe(500);
    expect(errorLog).not.toHaveBeenCalled();
  });
});

describe("pageAction", () => {
  it("hands the form to the action and passes its answer through", async () => {
    const action = pageAction(async ({ form }) => ({ got: form.get("name") }));
    expect(await action(post("/x", { name: "Ada" }))).toEqual({ got: "Ada" });
  });

  it("brings an AppError back to the form with its status, field errors and the kept values (never others)", async () => {
    const action = pageAction(
      async () => {
        throw new AppError("VALIDATION_FAILED", "Some fields need attention.", { fieldErrors: { email: ["Enter a valid e-mail address"] } });
      },
      { keep: ["email"] },
    );
    const response = (await action(post("/signup", { email: "broken", password: "secret secret" }))) as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual<FormFailure>({ fieldErrors: { email: ["Enter a valid e-mail address"] }, values: { email: "broken" }, code: "VALIDATION_FAILED" });
  });

  it("can keep values chosen by the form's content", async () => {
    const action = pageAction(
      async () => {
        throw new AppError("INVALID_STATE", "Already submitted.");
      },
      { keep: (form) => ({ intent: form.get("intent") as string }) },
    );
    const response = (await action(post("/x", { intent: "submit", reflection: "r" }))) as Response;
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ formError: "Already submitted.", values: { intent: "submit" }, code: "INVALID_STATE" });
  });

  it("returns redirects and rethrows thrown responses", async () => {
    const redirected = await pageAction(async () => redirect("/dashboard"))(post("/x", {}));
    expect(redirected.headers.get("Location")).toBe("/dashboard");
    const refusal = new Response("no", { status: 403 });
    expect(
      await thrown(
        pageAction(async () => {
          throw refusal;
        })(post("/x", {})),
      ),
    ).toBe(refusal);
  });

  it("answers a body that is not a form with a 400 form failure, not a 500", async () => {
    const action = pageAction(async () => ({ ok: true }));
    const request = new Request("http://mxp.test/x", { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    const response = (await action({ request, params: {}, context })) as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "VALIDATION_FAILED", formError: expect.stringMatching(/web form/) });
  });

  it("answers malformed multipart and urlencoded bodies with a 400 form failure", async () => {
    const action = pageAction(async () => ({ ok: true }));
    for (const [contentType, body] of [
      ["multipart/form-data", '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--'],
      ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'],
      ["multipart/form-data; boundary=x", "not multipart at all"],
    ]) {
      const request = new Request("http://mxp.test/login", { method: "POST", body, headers: { "Content-Type": contentType! } });
      const response = (await action({ request, params: {}, context })) as Response;
      expect(response.status, contentType).toBe(400);
      expect(await response.json()).toMatchObject({ code: "VALIDATION_FAILED", formError: expect.stringMatching(/could not be read/) });
    }
  });

  it("brings a value the database refuses back to the form as a 400, with a warning rather than an error logged", async () => {
    const errorLog = vi.spyOn(logger, "error");
    const warnLog = vi.spyOn(logger, "warn");
    const action = pageAction(async ({ form }) => getDb().missionProgress.findUnique({ where: { id: form.get("id") as string } }), { keep: ["id"] });
    const response = (await action(post("/x", { id: "a\u0000b" }))) as Response;
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "VALIDATION_FAILED", formError: expect.stringMatching(/cannot be stored/), values: { id: "a\u0000b" } });
    expect(errorLog).not.toHaveBeenCalled();
    expect(warnLog).toHaveBeenCalledWith(expect.objectContaining({ requestId: "req-page-test", path: "/x" }), "page action input refused by the database");
  });

  it("treats a POST without a body as an empty form", async () => {
    const action = pageAction(async ({ form }) => ({ fields: [...form.keys()].length }));
    expect(await action({ request: new Request("http://mxp.test/logout", { method: "POST" }), params: {}, context })).toEqual({ fields: 0 });
  });

  it("logs an unexpected error with the request id and throws a generic 500 to the error boundary", async () => {
    const errorLog = vi.spyOn(logger, "error");
    const bug = new RangeError("boom");
    const response = (await thrown(
      pageAction(async () => {
        throw bug;
      })(post("/login", { email: "a@example.test" })),
    )) as Response;
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toMatch(/boom|stack|RangeError/);
    expect(errorLog).toHaveBeenCalledExactlyOnceWith({ error: bug, requestId: "req-page-test", method: "POST", path: "/login" }, "page action failed");
  });
});
