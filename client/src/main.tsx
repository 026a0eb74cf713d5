import { QueryClientProvider, useQuery, useQueryClient } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { ErrorMessage } from "./components/ErrorMessage.tsx";
import { Loading } from "./components/States.tsx";
import { SignInPage } from "./pages/SignIn.tsx";
import { createAppRouter } from "./routes.tsx";
import { createClient, createQueryClient, SESSION_EXPIRED, TRPCProvider, useTRPC } from "./trpc.ts";
import "./styles.css";

function App() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [router] = useState(createAppRouter);
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: Number.POSITIVE_INFINITY }));

  useEffect(() => {
    const onExpired = () => queryClient.setQueryData(trpc.auth.me.queryKey(), null);
    window.addEventListener(SESSION_EXPIRED, onExpired);
    return () => window.removeEventListener(SESSION_EXPIRED, onExpired);
  }, [queryClient, trpc]);

  if (me.isPending) return <Loading label="Starting the console…" />;
  if (me.isError)
    return (
      <main className="center-page">
        <ErrorMessage error={me.error} title="The console could not start" onRetry={() => me.refetch()} />
      </main>
    );
  // Signed out (or the session expired): the sign-in form takes the page's place, so the address
  // (path and view state alike) stays and the same view comes back once signed in.
  if (!me.data) return <SignInPage />;
  return <RouterProvider router={router} />;
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
