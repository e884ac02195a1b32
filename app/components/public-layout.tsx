import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useViewer } from "~/features/dashboard/use-viewer";
import { Logo } from "./brand";

/** Header, main and footer of the public pages (home, about); signed-in visitors get a way back in. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const signedIn = useViewer() !== null;
  return (
    <div className="min-h-full bg-white">
      <header className="border-b border-slate-200">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-4 sm:px-6">
          <Logo />
          <nav aria-label="Account" className="flex items-center gap-2">
            {/* On a phone a visitor's header keeps to log-in and sign-up; the footer has the plans. */}
            <Link to="/pricing" className={signedIn ? "btn-ghost" : "btn-ghost hidden sm:inline-flex"}>
              Pricing
            </Link>
            {signedIn ? (
              <Link to="/dashboard" className="btn-primary">
                Go to your dashboard
              </Link>
            ) : (
              <>
                <Link to="/login" className="btn-ghost whitespace-nowrap">
                  Log in
                </Link>
                <Link to="/signup" className="btn-primary whitespace-nowrap">
                  Start free
                </Link>
              </>
            )}
          </nav>
        </div>
      </header>
      <main id="main">{children}</main>
      <footer className="border-t border-slate-200">
        <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-4 px-4 py-8 text-sm text-slate-500 sm:px-6">
          <span>MXP · Missions Execution Platform</span>
          <span className="flex gap-4">
            <Link to="/pricing" className="hover:text-slate-700 hover:underline">
              Plans and pricing
            </Link>
            <Link to="/about" className="hover:text-slate-700 hover:underline">
              About MXP
            </Link>
          </span>
        </div>
      </footer>
    </div>
  );
}
