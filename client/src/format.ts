import type { CustomerFieldName, FailureReason, JobStatus } from "@autobolt/contract";

export const statusLabels: Record<JobStatus, string> = {
  pending: "Pending",
  in_progress: "In progress",
  complete: "Complete",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const resultLabels: Record<string, string> = {
  pending: "Pending",
  submitted: "Submitted",
  failed: "Failed",
};

export const reasonLabels: Record<FailureReason, string> = {
  captcha_required: "Captcha required",
  email_verification: "Email verification",
  phone_verification: "Phone verification",
  login_required: "Login required",
  validation_error: "Validation error",
  form_not_found: "Form not found",
  http_error: "HTTP error",
  timeout: "Timed out",
  network_error: "Network error",
  recipe_failed: "Recipe failed",
  interrupted: "Interrupted",
  duplicate_listing: "Already listed",
  rate_limited: "Rate limited",
  unexpected: "Unexpected",
};

/** The customer's details as staff call them, for recipes and learned mappings that name them. */
export const customerFieldLabels: Record<CustomerFieldName, string> = {
  businessName: "Business name",
  email: "Email",
  phone: "Phone",
  website: "Website",
  address: "Street address",
  city: "City",
  state: "State",
  zip: "ZIP / postal code",
  description: "Description",
  category: "Category",
};

export const priorityLabels: Record<number, string> = {
  1: "1 · Most urgent",
  2: "2 · High",
  3: "3 · Normal",
  4: "4 · Low",
  5: "5 · Least urgent",
};

export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return "";
  return reasonLabels[reason as FailureReason] ?? reason;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const numberFormat = new Intl.NumberFormat();

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "—";
  return dateTime.format(new Date(value));
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined) return "—";
  return `${Math.round(ratio * 1000) / 10}%`;
}

/** "3 min ago", "2 h ago": age at a glance; the exact time goes in a title or <time>. */
export function relativeTime(value: string | Date | null | undefined, now = Date.now()): string {
  if (!value) return "—";
  const seconds = Math.round((now - new Date(value).getTime()) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

export function packageName(metadata: unknown): string {
  if (metadata && typeof metadata === "object" && "package" in metadata) {
    const name = (metadata as { package: unknown }).package;
    if (typeof name === "string") return name;
  }
  return "Custom";
}

/** Screenshots come from workers; only our own proof path is trusted as an image source. */
export function safeScreenshotUrl(url: string | null | undefined): string | undefined {
  return url?.startsWith("/screenshots/") ? url : undefined;
}

/** A listing link as a web address only: a `javascript:` or other scheme is never made a link. */
export function safeListingUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

interface OutcomeCounts {
  submitted: number;
  failed: number;
  pending: number;
  needPerson: number;
  skipped: number;
  replaced: number;
  byHand: number;
}

/**
 * How a job ended (or stands), in words beside its status: "10 submitted, 6 need a person". A job
 * is never just "Complete" when some of its directories failed.
 */
export function outcomeText(status: JobStatus, c: OutcomeCounts): string {
  const parts: string[] = [];
  const finished = status === "complete" || status === "cancelled" || status === "failed";
  if (finished || c.submitted > 0)
    parts.push(`${c.submitted} submitted${c.byHand > 0 ? ` (${c.byHand} by hand)` : ""}`);
  if (c.needPerson > 0) parts.push(`${c.needPerson} need${c.needPerson === 1 ? "s" : ""} a person`);
  if (c.skipped > 0) parts.push(`${c.skipped} skipped`);
  if (c.replaced > 0) parts.push(`${c.replaced} replaced`);
  if (finished && c.pending > 0) parts.push(`${c.pending} not done`);
  return parts.join(", ");
}

export const resolutionLabels: Record<string, string> = {
  resolved_by_hand: "Done by a person",
  skipped: "Skipped",
  replaced: "Replaced",
};
