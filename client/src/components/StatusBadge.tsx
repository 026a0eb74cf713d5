import { resultLabels, statusLabels } from "../format.ts";

/** One colour per state, always with its word so colour is never the only signal. */
export function StatusBadge({ status }: { status: string }) {
  const label = statusLabels[status as keyof typeof statusLabels] ?? resultLabels[status] ?? status;
  return <span className={`badge badge-${status}`}>{label}</span>;
}
