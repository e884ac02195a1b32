import { Form, useNavigation } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import type { FormFailure } from "~/utils/forms.server";

export interface TwoFactorResult {
  intent?: "totp-start" | "totp-confirm" | "totp-disable" | "recovery-codes";
  recoveryCodes?: string[];
  turnedOff?: true;
}

interface Status {
  enabled: boolean;
  recoveryCodesLeft: number;
  pending: { key: string; uri: string; qrSvg: string } | null;
}

/** The part of the account page where mentors and admins turn two-step log-in on and off. */
export function TwoFactorSection({ status, result }: { status: Status; result?: FormFailure & TwoFactorResult }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : undefined;
  const failed = result?.values?.intent;
  const errorsFor = (intent: string) => (failed === intent ? result : undefined);
  return (
    <section aria-labelledby="two-factor-heading" className="card mt-6 max-w-xl p-6">
      <h2 id="two-factor-heading" className="text-lg font-semibold text-slate-900">
        Two-step log-in
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {status.enabled
          ? "On: logging in asks for your password and a code from your authenticator app."
          : "Off. With it on, logging in asks for a code from an authenticator app on your phone as well as your password, so a stolen password is not enough."}
      </p>

      {result?.recoveryCodes ? (
        <div role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="recovery-codes">
          <p className="font-semibold">
            {result.intent === "totp-confirm" ? "Two-step log-in is on. " : ""}Save these recovery codes somewhere safe now: they are shown only once.
          </p>
          <p className="mt-1">Each one logs you in once in place of a code, if you lose your phone.</p>
          <ul className="mt-3 grid grid-cols-2 gap-1 font-mono">
            {result.recoveryCodes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result?.turnedOff ? (
        <p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          Two-step log-in is off. Your recovery codes no longer work.
        </p>
      ) : null}

      {status.enabled ? (
        <>
          <p className="mt-4 text-sm text-slate-600">
            Recovery codes left: <strong>{status.recoveryCodesLeft}</strong>.
          </p>
          <Form method="post" className="mt-4 space-y-4" noValidate>
            <h3 className="font-semibold text-slate-900">New recovery codes</h3>
            <FormAlert message={errorsFor("recovery-codes")?.formError} />
            <Field
              label="Code from your app"
              id="field-regenerate-code"
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              errors={errorsFor("recovery-codes")?.fieldErrors?.code}
            />
            <button type="submit" name="intent" value="recovery-codes" className="btn-secondary" disabled={busy === "recovery-codes"}>
              {busy === "recovery-codes" ? "Making new codes…" : "Make new recovery codes"}
            </button>
          </Form>
          <Form method="post" className="mt-6 space-y-4" noValidate>
            <h3 className="font-semibold text-slate-900">Turn two-step log-in off</h3>
            <FormAlert message={errorsFor("totp-disable")?.formError} />
            <Field
              label="Your password"
              id="field-disable-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              errors={errorsFor("totp-disable")?.fieldErrors?.password}
            />
            <Field
              label="Code from your app, or a recovery code"
              id="field-disable-code"
              name="code"
              autoComplete="one-time-code"
              required
              errors={errorsFor("totp-disable")?.fieldErrors?.code}
            />
            <button type="submit" name="intent" value="totp-disable" className="btn-secondary" disabled={busy === "totp-disable"}>
              {busy === "totp-disable" ? "Turning off…" : "Turn off two-step log-in"}
            </button>
          </Form>
        </>
      ) : status.pending ? (
        <div className="mt-4 space-y-4">
          <p className="text-sm text-slate-700">1. Scan this QR code with an authenticator app (for example 1Password, Google Authenticator or Aegis), or type the key into it.</p>
          <div
            className="h-48 w-48 rounded-lg border border-slate-200 bg-white p-2"
            role="img"
            aria-label="QR code of the key below"
            dangerouslySetInnerHTML={{ __html: status.pending.qrSvg }}
          />
          <p className="text-sm text-slate-700">
            Key:{" "}
            <code className="select-all rounded bg-slate-100 px-2 py-1 font-mono" data-testid="totp-key">
              {status.pending.key}
            </code>
          </p>
          <Form method="post" className="space-y-4" noValidate>
            <p className="text-sm text-slate-700">2. Enter the code the app shows, to check that it works.</p>
            <FormAlert message={errorsFor("totp-confirm")?.formError} />
            <Field
              label="Code from your app"
              id="field-confirm-code"
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              required
              errors={errorsFor("totp-confirm")?.fieldErrors?.code}
            />
            <button type="submit" name="intent" value="totp-confirm" className="btn-primary" disabled={busy === "totp-confirm"}>
              {busy === "totp-confirm" ? "Checking…" : "Turn on two-step log-in"}
            </button>
          </Form>
        </div>
      ) : (
        <Form method="post" className="mt-4">
          <FormAlert message={errorsFor("totp-start")?.formError} />
          <button type="submit" name="intent" value="totp-start" className="btn-primary" disabled={busy === "totp-start"}>
            {busy === "totp-start" ? "Starting…" : "Set up two-step log-in"}
          </button>
        </Form>
      )}
    </section>
  );
}
