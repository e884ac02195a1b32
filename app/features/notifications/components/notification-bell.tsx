import { Link } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { trpcClient } from "~/trpc/client";
import { useHydrated } from "~/utils/use-hydrated";

/**
 * The bell: the server renders the unread count (a plain link without JavaScript); in the
 * browser it refreshes every 30 s and opens a panel with the latest notifications.
 */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  // The server renders the plain link; the live bell (queries, polling, panel) starts in the
  // browser, so server renders of every signed-in page skip React Query work.
  return useHydrated() ? <LiveNotificationBell initialUnread={initialUnread} /> : <BellLink unread={initialUnread} />;
}

function bellLabel(unread: number): string {
  return unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
}

function BellIcon({ unread }: { unread: number }) {
  return (
    <>
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="h-6 w-6">
        <path
          strokeLinecap="round"
          strokeLinejoin="round"
          d="M14.857 17.082a23.848 23.848 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0"
        />
      </svg>
      {unread > 0 ? (
        <span
          data-testid="notification-count"
          className="absolute -right-0.5 -top-0.5 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-xs font-bold text-white"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </>
  );
}

const BELL_CLASS = "relative inline-flex h-10 w-10 items-center justify-center rounded-full text-slate-600 hover:bg-slate-100 hover:text-slate-900";

function BellLink({ unread }: { unread: number }) {
  return (
    <div className="relative">
      <a href="/dashboard/notifications" aria-label={bellLabel(unread)} data-testid="notification-bell" className={BELL_CLASS}>
        <BellIcon unread={unread} />
      </a>
    </div>
  );
}

type NotificationList = Awaited<ReturnType<typeof trpcClient.notifications.list.query>>;

/** The latest notifications, read at once and every 30 s while the page is open; a failed read keeps what was shown. */
function useLatestNotifications(): { data?: NotificationList; isLoading: boolean; failed: boolean; refresh: () => void } {
  const [data, setData] = useState<NotificationList>();
  const [failed, setFailed] = useState(false);
  const refresh = useCallback(() => {
    trpcClient.notifications.list.query({ limit: 8 }).then(
      (list) => (setData(list), setFailed(false)),
      () => setFailed(true),
    );
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 30_000);
    return () => clearInterval(timer);
  }, [refresh]);
  return { data, isLoading: data === undefined && !failed, failed: data === undefined && failed, refresh };
}

function LiveNotificationBell({ initialUnread }: { initialUnread: number }) {
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const list = useLatestNotifications();
  const unread = list.data?.unread ?? initialUnread;

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    const onClick = (event: MouseEvent) => {
      if (panelRef.current && !panelRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const label = bellLabel(unread);
  return (
    <div className="relative" ref={panelRef}>
      <Link
        to="/dashboard/notifications"
        aria-label={label}
        aria-expanded={open}
        aria-haspopup="true"
        data-testid="notification-bell"
        className={BELL_CLASS}
        onClick={(event) => {
          event.preventDefault();
          setOpen((value) => !value);
        }}
      >
        <BellIcon unread={unread} />
      </Link>
      {open ? (
        <div role="dialog" aria-label="Notifications" className="card absolute right-0 z-30 mt-2 w-80 max-w-[calc(100vw-2rem)] overflow-hidden">
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
            <h2 className="text-sm font-semibold text-slate-900">Notifications</h2>
            {unread > 0 ? (
              <button
                type="button"
                className="text-sm font-medium text-brand-700 hover:underline"
                onClick={() => void trpcClient.notifications.markRead.mutate({}).then(list.refresh, list.refresh)}
              >
                Mark all read
              </button>
            ) : null}
          </div>
          <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
            {list.isLoading ? <li className="px-4 py-6 text-center text-sm text-slate-500">Loading…</li> : null}
            {list.failed ? <li className="px-4 py-6 text-center text-sm text-slate-500">Your notifications could not be loaded just now. Open them all below.</li> : null}
            {list.data?.items.length === 0 ? <li className="px-4 py-6 text-center text-sm text-slate-500">Nothing yet. We'll tell you when reviews arrive.</li> : null}
            {list.data?.items.map((item) => (
              <li key={item.id} className={item.readAt ? "bg-white" : "bg-brand-50/60"}>
                <Link to={item.link ?? "/dashboard/notifications"} className="block px-4 py-3 hover:bg-slate-50" onClick={() => setOpen(false)}>
                  <p className="text-sm font-medium text-slate-900">{item.title}</p>
                  <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{item.body}</p>
                </Link>
              </li>
            ))}
          </ul>
          <Link
            to="/dashboard/notifications"
            className="block border-t border-slate-100 px-4 py-3 text-center text-sm font-medium text-brand-700 hover:bg-slate-50"
            onClick={() => setOpen(false)}
          >
            See all notifications
          </Link>
        </div>
      ) : null}
    </div>
  );
}
