import type { ReactNode } from "react";
import { ErrorMessage } from "./ErrorMessage.tsx";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children && <div className="state-body">{children}</div>}
    </div>
  );
}

/** What a list or page needs of a query: tanstack-query's result, as every list here uses it. */
interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/**
 * The states every list and page goes through, written once: loading, failed (with "Try again"),
 * empty (when `isEmpty` says so), and the data. Pages keep only what is theirs: the words and
 * the table.
 */
export function QueryStates<T>({
  query,
  loading,
  errorTitle,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike<T>;
  loading?: string;
  errorTitle: string;
  isEmpty?: (data: T) => boolean;
  /** Shown when `isEmpty` is true: usually an <Empty> with what to do next. */
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading {...(loading ? { label: loading } : {})} />;
  if (query.isError || query.data === undefined)
    return <ErrorMessage error={query.error} title={errorTitle} onRetry={() => query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
