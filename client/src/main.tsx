import { QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, StrictMode, Suspense, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { ErrorMessage } from "./components/ErrorMessage.tsx";
import { Layout } from "./components/Layout.tsx";
import { Loading } from "./components/States.tsx";
import { CustomersPage } from "./pages/Customers.tsx";
import { DirectoriesPage } from "./pages/Directories.tsx";
import { JobDetailPage } from "./pages/JobDetail.tsx";
import { NeedsAttentionPage } from "./pages/NeedsAttention.tsx";
import { NewCustomerPage } from "./pages/NewCustomer.tsx";
import { NotFoundPage } from "./pages/NotFound.tsx";
import { QueuePage } from "./pages/Queue.tsx";
import { SignInPage } from "./pages/SignIn.tsx";
import { WorkersPage } from "./pages/Workers.tsx";
import { matchPath, navigate, useLocation } from "./router.tsx";
import { createClient, createQueryClient, SESSION_EXPIRED, TRPCProvider, useTRPC } from "./trpc.ts";
import "./styles.css";

// Rarely used pages load on demand so the queue opens fast.
const DirectoryEditorPage = lazy(() => import("./pages/DirectoryEditor.tsx"));
const ImportCsvPage = lazy(() => import("./pages/ImportCsv.tsx"));
const OverviewPage = lazy(() => import("./pages/Overview.tsx"));
const JobReportPage = lazy(() => import("./pages/JobReport.tsx"));
const CustomerPage = lazy(() => import("./pages/Customer.tsx"));
const StaffPage = lazy(() => import("./pages/Staff.tsx"));
const AccountPage = lazy(() => import("./pages/Account.tsx"));

type Route = [pattern: string, render: (params: Record<string, string>) => React.ReactNode];

const routes: Route[] = [
  ["/", () => <QueuePage />],
  ["/customers", () => <CustomersPage />],
  ["/customers/new", () => <NewCustomerPage />],
  ["/customers/:id", (p) => <CustomerPage id={p.id as string} />],
  ["/jobs/:id", (p) => <JobDetailPage id={p.id as string} />],
  ["/jobs/:id/report", (p) => <JobReportPage id={p.id as string} />],
  ["/attention", () => <NeedsAttentionPage />],
  ["/directories", () => <DirectoriesPage />],
  ["/directories/new", () => <DirectoryEditorPage />],
  ["/directories/import", () => <ImportCsvPage />],
  ["/directories/:id/edit", (p) => <DirectoryEditorPage id={p.id as string} />],
  ["/workers", () => <WorkersPage />],
  ["/overview", () => <OverviewPage />],
  ["/staff", () => <StaffPage />],
  ["/account", () => <AccountPage />],
];

function CurrentPage({ path }: { path: string }) {
  for (const [pattern, render] of routes) {
    const params = matchPath(pattern, path);
    // Keyed by path so a page's local state (forms, filters) starts fresh on a new address.
    if (params) return <div key={path}>{render(params)}</div>;
  }
  return <NotFoundPage />;
}

function App() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }));
  const { path } = useLocation();

  useEffect(() => {
    const onExpired = () => queryClient.setQueryData(trpc.auth.me.queryKey(), null);
    window.addEventListener(SESSION_EXPIRED, onExpired);
    return () => window.removeEventListener(SESSION_EXPIRED, onExpired);
  }, [queryClient, trpc]);

  useEffect(() => {
    if (me.data && path === "/sign-in") navigate("/", { replace: true });
  }, [me.data, path]);

  if (me.isPending) return <Loading label="Starting the console…" />;
  if (me.isError)
    return (
      <main className="center-page">
        <ErrorMessage error={me.error} title="The console could not start" onRetry={() => me.refetch()} />
      </main>
    );
  // Signed out (or the session expired): the sign-in form takes the page's place, so the address
  // stays and the same page comes back once signed in.
  if (!me.data) return <SignInPage />;

  return (
    <Layout user={me.data}>
      <Suspense fallback={<Loading />}>
        <CurrentPage path={path} />
      </Suspense>
    </Layout>
  );
}

function Root() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(createClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
