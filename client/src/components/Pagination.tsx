import { formatNumber } from "../format.ts";

interface Props {
  total: number;
  limit: number;
  offset: number;
  /** The page to show, 1-based, as the URL keeps it: undefined for the first (a clean URL). */
  onPage: (page: number | undefined) => void;
  label: string;
}

export function Pagination({ total, limit, offset, onPage, label }: Props) {
  const onChange = (next: number) => onPage(next === 0 ? undefined : next / limit + 1);
  if (total <= limit && offset === 0) return null;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={label}>
      <span className="num">
        {formatNumber(first)}–{formatNumber(last)} of {formatNumber(total)}
      </span>
      <button
        type="button"
        className="button button-small"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        Previous
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={offset + limit >= total}
        onClick={() => onChange(offset + limit)}
      >
        Next
      </button>
    </nav>
  );
}
