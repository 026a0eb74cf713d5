import { jobStatus, needsPersonReasons } from "@autobolt/contract";
import { useQuery } from "@tanstack/react-query";
import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { Suspense } from "react";
import { z } from "zod";
import { Layout } from "./components/Layout.tsx";
import { Loading } from "./components/States.tsx";
import { CustomersPage } from "./pages/Customers.tsx";
import { DirectoriesPage } from "./pages/Directories.tsx";
import { JobDetailPage } from "./pages/JobDetail.tsx";
import { NeedsAttentionPage } from "./pages/NeedsAttention.tsx";
import { NewCustomerPage } from "./pages/NewCustomer.tsx";
import { NotFoundPage } from "./pages/NotFound.tsx";
import { QueuePage } from "./pages/Queue.tsx";
import { WorkersPage } from "./pages/Workers.tsx";
import { useTRPC } from "./trpc.ts";

/*
 * Every address the console answers, with the view state each keeps in its search params (tab,
 * filters, sort, page), so a link, a reload or Back shows the same view. A param that does not
 * parse is dropped rather than failing the page: a hand-edited or stale link still opens.
 */

const page = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined);
const text = z.string().trim().max(200).optional().catch(undefined);

export const queueSorts = [
  "createdAt:desc",
  "createdAt:asc",
  "updatedAt:desc",
  "priorityLevel:asc",
  "businessName:asc",
  "status:asc",
] as const;

export const queueSearch = z.object({
  /** A status tab, or "needs_person": jobs with a failed directory nobody has finished yet. */
  tab: z
    .enum([...jobStatus.options, "needs_person"])
    .optional()
    .catch(undefined),
  q: text,
  sort: z.enum(queueSorts).optional().catch(undefined),
  page,
  /** The job just created, announced once on arrival. */
  created: z.uuid().optional().catch(undefined),
});

export const attentionSearch = z.object({
  reason: z.enum(needsPersonReasons).optional().catch(undefined),
  directory: z.string().max(63).optional().catch(undefined),
  assigned: z.enum(["mine", "unassigned"]).optional().catch(undefined),
  page,
});

export const listSearch = z.object({ q: text, page });

export const overviewSearch = z.object({ range: z.enum(["day", "month"]).optional().catch(undefined) });

/** The signed-in shell: the layout around whichever page the address names. */
function Shell() {
  const trpc = useTRPC();
  // Already fetched before the router was mounted (see main.tsx), so this never waits.
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }));
  if (!me.data) return <Loading />;
  return (
    <Layout user={me.data}>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </Layout>
  );
}

const rootRoute = createRootRoute({ component: Shell, notFoundComponent: NotFoundPage });

const at = <P extends string>(path: P) => ({ getParentRoute: () => rootRoute, path }) as const;

const queueRoute = createRoute({ ...at("/"), validateSearch: queueSearch, component: QueuePage });
// The sign-in form is shown in place of any page while signed out; its own address just leads home.
const signInRoute = createRoute({
  ...at("/sign-in"),
  beforeLoad: () => {
    throw redirect({ to: "/" });
  },
});
const customersRoute = createRoute({
  ...at("/customers"),
  validateSearch: listSearch,
  component: CustomersPage,
});
const newCustomerRoute = createRoute({ ...at("/customers/new"), component: NewCustomerPage });
const customerRoute = createRoute({
  ...at("/customers/$id"),
  component: lazyRouteComponent(() => import("./pages/Customer.tsx")),
});
const jobRoute = createRoute({
  ...at("/jobs/$id"),
  component: function JobRoute() {
    const { id } = jobRoute.useParams();
    // Keyed so a page's local state (selection, open dialogs) starts fresh on another job.
    return <JobDetailPage key={id} id={id} />;
  },
});
const jobReportRoute = createRoute({
  ...at("/jobs/$id/report"),
  component: lazyRouteComponent(() => import("./pages/JobReport.tsx")),
});
const attentionRoute = createRoute({
  ...at("/attention"),
  validateSearch: attentionSearch,
  component: NeedsAttentionPage,
});
const directoriesRoute = createRoute({
  ...at("/directories"),
  validateSearch: listSearch,
  component: DirectoriesPage,
});
const newDirectoryRoute = createRoute({
  ...at("/directories/new"),
  component: lazyRouteComponent(() => import("./pages/DirectoryEditor.tsx")),
});
const importRoute = createRoute({
  ...at("/directories/import"),
  component: lazyRouteComponent(() => import("./pages/ImportCsv.tsx")),
});
const editDirectoryRoute = createRoute({
  ...at("/directories/$id/edit"),
  component: lazyRouteComponent(() => import("./pages/DirectoryEditor.tsx")),
});
const workersRoute = createRoute({ ...at("/workers"), component: WorkersPage });
const overviewRoute = createRoute({
  ...at("/overview"),
  validateSearch: overviewSearch,
  component: lazyRouteComponent(() => import("./pages/Overview.tsx")),
});
const staffRoute = createRoute({
  ...at("/staff"),
  component: lazyRouteComponent(() => import("./pages/Staff.tsx")),
});
const accountRoute = createRoute({
  ...at("/account"),
  component: lazyRouteComponent(() => import("./pages/Account.tsx")),
});

const routeTree = rootRoute.addChildren([
  queueRoute,
  signInRoute,
  customersRoute,
  newCustomerRoute,
  customerRoute,
  jobRoute,
  jobReportRoute,
  attentionRoute,
  directoriesRoute,
  newDirectoryRoute,
  importRoute,
  editDirectoryRoute,
  workersRoute,
  overviewRoute,
  staffRoute,
  accountRoute,
]);

export function createAppRouter() {
  return createRouter({ routeTree, scrollRestoration: true, defaultPreload: false });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
