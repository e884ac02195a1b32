import { Link, Outlet, useLocation } from "@remix-run/react";
import { useState } from "react";
import { Logo } from "~/components/brand";
import { PaymentProblemBanner } from "~/features/billing/components/payment-problem-banner";
import { NotificationBell } from "~/features/notifications/components/notification-bell";
import { TIER_LABELS } from "~/domain/entitlements";
import type { Role } from "~/domain/roles";
import { useViewer } from "~/features/dashboard/use-viewer";

export { ErrorBoundary } from "~/components/error-page";

// No loader of its own: the shell's data comes with the root loader, and every page under
// /dashboard signs visitors in from its own loader (checked for all of them in
// app/routes/dashboard-access.test.ts).

type NavItem = { to: string; label: string; end?: boolean };

function navFor(role: Role): NavItem[] {
  const overview: NavItem = { to: "/dashboard", label: "Overview", end: true };
  const notifications: NavItem = { to: "/dashboard/notifications", label: "Notifications" };
  const account: NavItem = { to: "/dashboard/account", label: "Account" };
  if (role === "MENTOR") return [overview, { to: "/dashboard/mentor/reviews", label: "Review queue" }, notifications, account];
  if (role === "ADMIN")
    return [
      overview,
      { to: "/dashboard/admin/academy", label: "Academy" },
      { to: "/dashboard/admin/users", label: "People" },
      { to: "/dashboard/mentor/reviews", label: "Review queue" },
      { to: "/dashboard/admin/operations", label: "Operations" },
      { to: "/dashboard/admin/agreement", label: "AI agreement" },
      { to: "/dashboard/admin/mentors", label: "Mentors" },
      { to: "/dashboard/admin/billing", label: "Billing" },
      { to: "/dashboard/admin/outbox", label: "E-mail outbox" },
      { to: "/dashboard/admin/audit", label: "Audit log" },
      notifications,
      account,
    ];
  return [
    overview,
    { to: "/dashboard/student/missions", label: "Missions" },
    { to: "/dashboard/student/skills", label: "Skills" },
    { to: "/dashboard/student/portfolio", label: "Portfolio" },
    { to: "/billing", label: "Plan and billing" },
    notifications,
    account,
  ];
}

/** The nav item for a path: the one whose section the path is in (Overview only for itself). */
function isCurrent(item: NavItem, pathname: string): boolean {
  return item.end ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
}

export default function DashboardLayout() {
  const user = useViewer();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  // Every page below signs visitors in first, so this is a safety net, not a state users see.
  if (!user) {
    return (
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
        <Outlet />
      </main>
    );
  }
  const { unread, tier } = user;
  const items = navFor(user.role);
  const roleLabel = user.role === "STUDENT" ? `${TIER_LABELS[tier ?? "FREE"]} plan` : user.role === "MENTOR" ? "Mentor" : "Administrator";
  return (
    <div className="min-h-full">
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <div className="flex items-center gap-3">
            <button
              type="button"
              className="inline-flex h-10 w-10 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 md:hidden"
              aria-controls="dashboard-nav"
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen((open) => !open)}
            >
              <span className="sr-only">{menuOpen ? "Close menu" : "Open menu"}</span>
              <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" className="h-6 w-6">
                <path strokeLinecap="round" d="M4 7h16M4 12h16M4 17h16" />
              </svg>
            </button>
            <Logo to="/dashboard" />
          </div>
          <div className="flex items-center gap-2">
            <NotificationBell initialUnread={unread} />
            <div className="hidden text-right sm:block">
              <p className="text-sm font-semibold text-slate-900" data-testid="user-name">
                {user.name}
              </p>
              <p className="text-xs text-slate-500">{roleLabel}</p>
            </div>
            {/* A full page load: logging out also clears what this tab holds in memory. */}
            <form method="post" action="/logout">
              <button type="submit" className="btn-ghost">
                Log out
              </button>
            </form>
          </div>
        </div>
      </header>
      {user.paymentProblem ? <PaymentProblemBanner problem={user.paymentProblem} /> : null}
      <div className="mx-auto flex max-w-7xl gap-8 px-4 py-8 sm:px-6">
        <nav
          id="dashboard-nav"
          aria-label="Main"
          className={`${menuOpen ? "block" : "hidden"} fixed inset-x-0 top-16 z-10 border-b border-slate-200 bg-white p-4 shadow md:static md:block md:w-56 md:shrink-0 md:border-0 md:bg-transparent md:p-0 md:shadow-none`}
        >
          <ul className="space-y-1">
            {items.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  className={isCurrent(item, pathname) ? "nav-item nav-item-current" : "nav-item"}
                  aria-current={isCurrent(item, pathname) ? "page" : undefined}
                  onClick={() => setMenuOpen(false)}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" className="min-w-0 flex-1">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
