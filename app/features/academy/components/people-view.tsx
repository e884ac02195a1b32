import { Form, Link } from "@remix-run/react";
import { EmptyState } from "~/components/page-header";
import { TIER_LABELS } from "~/domain/entitlements";
import { ROLES, type Role } from "~/domain/roles";
import { statusLabel } from "~/features/progress/status";
import { formatDateTime } from "~/utils/format";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction } from "../audit-actions";

export const ROLE_LABELS: Record<Role, string> = { STUDENT: "Student", MENTOR: "Mentor", ADMIN: "Administrator" };

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export function UserList({ users, next, filters }: { users: UserRow[]; next: string | null; filters: { q?: string; role?: Role } }) {
  const nextParams = new URLSearchParams({ ...(filters.q ? { q: filters.q } : {}), ...(filters.role ? { role: filters.role } : {}), ...(next ? { after: next } : {}) });
  return (
    <div className="space-y-6">
      <Form method="get" className="card flex flex-wrap items-end gap-4 p-5" role="search" aria-label="Find users">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">E-mail or name starts with</span>
          <input type="search" name="q" defaultValue={filters.q ?? ""} className="field-input mt-1 w-72" autoComplete="off" />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Role</span>
          <select name="role" defaultValue={filters.role ?? ""} className="field-input mt-1 w-44">
            <option value="">Any role</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn-secondary">
          Find
        </button>
      </Form>
      {users.length === 0 ? (
        <EmptyState title="No user matches">Search by the start of an e-mail address or a name.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Name
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  E-mail
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Role
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Joined
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((user) => (
                <tr key={user.id}>
                  <th scope="row" className="px-4 py-2 text-left font-medium">
                    <Link to={`/dashboard/admin/users/${user.id}`} className="link">
                      {user.name}
                    </Link>
                  </th>
                  <td className="px-4 py-2 text-slate-700">{user.email}</td>
                  <td className="px-4 py-2 text-slate-700">{ROLE_LABELS[user.role]}</td>
                  <td className="px-4 py-2 text-slate-700">{user.createdAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <p>
          <Link to={`?${nextParams.toString()}`} className="btn-secondary">
            Next {users.length} users
          </Link>
        </p>
      ) : null}
    </div>
  );
}

export interface UserDetailData {
  user: { id: string; email: string; name: string; handle: string; role: Role; createdAt: string; profilerScore: number | null };
  plan: { tier: keyof typeof TIER_LABELS; source: "free" | "subscription" | "grant" };
  mentorTrackIds: string[];
  progress: {
    missionId: string;
    missionSlug: string;
    missionTitle: string;
    status: string;
    attempts: number;
    latestAiTotal: number | null;
    latestMentorTotal: number | null;
    updatedAt: string;
  }[];
}

const PLAN_SOURCES = { free: "no paid plan", subscription: "from their subscription", grant: "granted by an administrator" } as const;

export function UserDetail({ detail, isSelf, roleError }: { detail: UserDetailData; isSelf: boolean; roleError?: string }) {
  const { user, plan, progress } = detail;
  return (
    <div className="space-y-8">
      <section aria-labelledby="account-heading" className="card p-5">
        <h2 id="account-heading" className="font-semibold text-slate-900">
          Account
        </h2>
        <dl className="mt-3 grid gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-600">E-mail</dt>
            <dd className="font-medium text-slate-900">{user.email}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Joined</dt>
            <dd className="font-medium text-slate-900">{user.createdAt.slice(0, 10)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Plan</dt>
            <dd className="font-medium text-slate-900">
              {TIER_LABELS[plan.tier]} ({PLAN_SOURCES[plan.source]})
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Profiler score</dt>
            <dd className="font-medium text-slate-900">{user.profilerScore ?? "not taken"}</dd>
          </div>
        </dl>
        <div className="mt-4 flex flex-wrap gap-3 text-sm">
          {user.role === "STUDENT" ? (
            <Link to="/dashboard/admin/billing#grant-heading" className="btn-secondary">
              Grant or end a plan
            </Link>
          ) : null}
          {user.role === "MENTOR" ? (
            <Link to="/dashboard/admin/mentors" className="btn-secondary">
              Assign tracks ({detail.mentorTrackIds.length === 0 ? "all tracks now" : `${detail.mentorTrackIds.length} assigned`})
            </Link>
          ) : null}
          <Link to={`/dashboard/admin/audit?target=${user.id}`} className="btn-secondary">
            Changes to this account
          </Link>
        </div>
      </section>

      <section aria-labelledby="role-heading" className="card p-5">
        <h2 id="role-heading" className="font-semibold text-slate-900">
          Role
        </h2>
        {isSelf ? (
          <p className="mt-2 text-sm text-slate-700">This is your own account: another administrator can change its role.</p>
        ) : (
          <Form method="post" className="mt-3 flex flex-wrap items-end gap-3">
            <input type="hidden" name="intent" value="role" />
            <label className="text-sm">
              <span className="block font-medium text-slate-700">Role of {user.name}</span>
              <select name="role" defaultValue={user.role} className="field-input mt-1 w-48">
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="btn-primary">
              Change role
            </button>
            {roleError ? (
              <p role="alert" className="w-full text-sm text-red-700">
                {roleError}
              </p>
            ) : null}
          </Form>
        )}
      </section>

      {user.role === "STUDENT" ? (
        <section aria-labelledby="missions-heading">
          <h2 id="missions-heading" className="text-lg font-semibold text-slate-900">
            Missions (read-only)
          </h2>
          {progress.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No mission started yet.</p>
          ) : (
            <div className="card mt-3 overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Mission
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Status
                    </th>
                    <th scope="col" className="px-4 py-2 text-right font-medium">
                      Attempts
                    </th>
                    <th scope="col" className="px-4 py-2 text-right font-medium">
                      Latest AI / mentor total
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Last change
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {progress.map((row) => (
                    <tr key={row.missionId}>
                      <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">
                        {row.missionTitle}
                      </th>
                      <td className="px-4 py-2 text-slate-700">{statusLabel(row.status as Parameters<typeof statusLabel>[0])}</td>
                      <td className="px-4 py-2 text-right tabular-nums">{row.attempts}</td>
                      <td className="px-4 py-2 text-right tabular-nums">
                        {row.latestAiTotal ?? "—"} / {row.latestMentorTotal ?? "—"}
                      </td>
                      <td className="px-4 py-2 text-slate-700">{formatDateTime(row.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}

interface AuditRow {
  id: string;
  action: AuditAction;
  target: { type: string; id: string; label: string };
  actor: { email: string; name: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

const described = (value: Record<string, unknown> | null) =>
  value
    ? Object.entries(value)
        .map(([key, field]) => `${key}: ${Array.isArray(field) ? field.join(", ") || "none" : String(field)}`)
        .join("; ")
    : "—";

export function AuditLogView({ entries, next, filters }: { entries: AuditRow[]; next: string | null; filters: { action?: string; actor?: string; target?: string } }) {
  const nextParams = new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value)), ...(next ? { after: next } : {}) });
  return (
    <div className="space-y-6">
      <Form method="get" className="card flex flex-wrap items-end gap-4 p-5" aria-label="Filter the log">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Change</span>
          <select name="action" defaultValue={filters.action ?? ""} className="field-input mt-1 w-64">
            <option value="">Every change</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Made by (e-mail)</span>
          <input type="email" name="actor" defaultValue={filters.actor ?? ""} className="field-input mt-1 w-64" />
        </label>
        {filters.target ? <input type="hidden" name="target" value={filters.target} /> : null}
        <button type="submit" className="btn-secondary">
          Show
        </button>
        {filters.target ? (
          <Link to="/dashboard/admin/audit" className="text-sm text-brand-700 underline">
            Show every record
          </Link>
        ) : null}
      </Form>
      {entries.length === 0 ? (
        <EmptyState title="No change recorded">
          Role changes, mentors&apos; tracks, plans granted by hand, missions and tracks published or edited, and jobs retried appear here.
        </EmptyState>
      ) : (
        <ol className="space-y-3">
          {entries.map((entry) => (
            <li key={entry.id} className="card p-4 text-sm">
              <p className="font-medium text-slate-900">
                {AUDIT_ACTION_LABELS[entry.action]}: {entry.target.label}
              </p>
              <p className="mt-1 text-slate-600">
                by {entry.actor.name} ({entry.actor.email}) · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </p>
              <dl className="mt-2 grid gap-2 sm:grid-cols-2">
                <div>
                  <dt className="text-slate-600">Before</dt>
                  <dd className="text-slate-900">{described(entry.before)}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">After</dt>
                  <dd className="text-slate-900">{described(entry.after)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ol>
      )}
      {next ? (
        <p>
          <Link to={`?${nextParams.toString()}`} className="btn-secondary">
            Older changes
          </Link>
        </p>
      ) : null}
    </div>
  );
}
