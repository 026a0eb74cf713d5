import { resultLabels, statusLabels } from "../format.ts";

/**
 * One colour per state, always with its word so colour is never the only signal. `attention`: a
 * finished job with results that need a person is not shown in the all-is-well colour.
 */
export function StatusBadge({ status, attention = false }: { status: string; attention?: boolean }) {
  const label = statusLabels[status as keyof typeof statusLabels] ?? resultLabels[status] ?? status;
  return <span className={`badge badge-${status}${attention ? " badge-attention" : ""}`}>{label}</span>;
}
