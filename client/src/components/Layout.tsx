import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation, useNavigate } from "@tanstack/react-router";
import { useSubscription } from "@trpc/tanstack-react-query";
import { type ReactNode, useRef } from "react";
import { errorCode, type RouterOutputs, SESSION_EXPIRED, switchSession, useTRPC } from "../trpc.ts";
import { PauseBanner } from "./PauseBanner.tsx";

type User = NonNullable<RouterOutputs["auth"]["me"]>;

const sections = [
  { to: "/", label: "Queue", match: (p: string) => p === "/" || p.startsWith("/jobs") },
  {
    to: "/customers",
    label: "Customers",
    match: (p: string) => p.startsWith("/customers") && p !== "/customers/new",
  },
  { to: "/customers/new", label: "New customer", match: (p: string) => p === "/customers/new" },
  { to: "/attention", label: "Needs attention", match: (p: string) => p.startsWith("/attention") },
  { to: "/directories", label: "Directories", match: (p: string) => p.startsWith("/directories") },
  { to: "/workers", label: "Workers", match: (p: string) => p.startsWith("/workers") },
  { to: "/overview", label: "Overview", match: (p: string) => p.startsWith("/overview") },
  { to: "/staff", label: "Staff", match: (p: string) => p.startsWith("/staff"), adminOnly: true },
] as const;

// A busy fleet changes jobs many times a second; views refetch at most this often, the first
// change at once and the last one of a burst when the window ends.
const REFRESH_EVERY_MS = 300;

/**
 * One subscription for the whole console: whenever jobs change anywhere (any server, any worker),
 * every view built on them is refetched, so nobody has to reload.
 */
function useLiveUpdates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const lastRefresh = useRef(0);
  const trailing = useRef<number | undefined>(undefined);
  const refetchAll = () => {
    lastRefresh.current = Date.now();
    for (const filter of [
      trpc.jobs.pathFilter(),
      trpc.workers.pathFilter(),
      trpc.stats.pathFilter(),
      trpc.results.pathFilter(),
      // A customer's page lists their jobs and citations, which move with the jobs.
      trpc.customers.pathFilter(),
      trpc.claims.pathFilter(),
    ])
      void queryClient.invalidateQueries(filter);
  };
  const refresh = () => {
    const wait = lastRefresh.current + REFRESH_EVERY_MS - Date.now();
    if (wait <= 0) refetchAll();
    else
      trailing.current ??= window.setTimeout(() => {
        trailing.current = undefined;
        refetchAll();
      }, wait);
  };
  return useSubscription(
    trpc.jobs.onChange.subscriptionOptions(undefined, {
      onData: refresh,
      // A (re)connection may have missed changes while it was down.
      onStarted: refresh,
      // The server ends the stream when the session ends (deactivated, signed out elsewhere):
      // show the sign-in page rather than "Reconnecting…" forever.
      onError: (error) => {
        if (errorCode(error) === "UNAUTHORIZED") window.dispatchEvent(new Event(SESSION_EXPIRED));
      },
    }),
  );
}

export function Layout({ user, children }: { user: User; children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const path = useLocation({ select: (l) => l.pathname });
  const navigate = useNavigate();
  const live = useLiveUpdates();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: () => {
        switchSession(queryClient, trpc.auth.me.queryKey(), null);
        void navigate({ to: "/" });
      },
    }),
  );

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ⚡
          </span>
          AutoBolt
        </Link>
        <span className={`live live-${live.status}`} role="status">
          {live.status === "pending" ? "Live" : live.status === "error" ? "Reconnecting…" : "Connecting…"}
        </span>
        <div className="topbar-user">
          <Link to="/account" className="user-name" title="My account: change my password">
            {user.name} <span className="muted">({user.role})</span>
          </Link>
          <button
            type="button"
            className="button button-small"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
          >
            Sign out
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {sections
            .filter((s) => !("adminOnly" in s) || user.role === "admin")
            .map((s) => (
              <li key={s.to}>
                <Link
                  to={s.to}
                  // The router marks only the exact address; a section also owns the pages under it.
                  activeOptions={{ exact: true, includeSearch: false }}
                  aria-current={s.match(path) ? "page" : undefined}
                >
                  {s.label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <PauseBanner />
        {children}
      </main>
    </div>
  );
}
