import { type CustomerFieldName, type CustomerFields, usStates } from "@autobolt/contract";
import type { ReceivedSubmission, SandboxSite } from "./types.ts";

/** What a site received, judged against the customer it was meant to carry. */
export interface SubmissionCheck {
  /** Posts the site took as a listing. */
  accepted: number;
  /** Posts a correct worker never sends (a honeypot filled, the newsletter, a paid plan), by what was wrong. */
  wrong: string[];
  /** The customer fields the site asks for (its mapping). */
  expected: CustomerFieldName[];
  /** Those that arrived exactly as the customer has them (in the latest accepted post). */
  exact: CustomerFieldName[];
  /** Those that arrived different or not at all: field → what the site got. */
  mismatched: Partial<Record<CustomerFieldName, string | null>>;
}

const states = new Map<string, string>();
for (const [abbreviation, name] of usStates) {
  states.set(abbreviation.toLowerCase(), abbreviation);
  states.set(name.toLowerCase(), abbreviation);
}

/**
 * A value as the comparison sees it: a phone by its digits (no US leading 1), a US state by its
 * abbreviation, a web address without a trailing slash, text with its spaces collapsed.
 */
export function comparable(field: CustomerFieldName, value: string): string {
  const text = value.replace(/\s+/g, " ").trim();
  switch (field) {
    case "phone": {
      const digits = text.replace(/\D/g, "");
      return digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
    }
    case "state":
      return states.get(text.toLowerCase().replace(/\.$/, "")) ?? text.toLowerCase();
    case "website":
      return text.toLowerCase().replace(/\/+$/, "");
    case "email":
    case "category":
      return text.toLowerCase();
    default:
      return text;
  }
}

/** Judges what a site received: how many listings, any wrong post, and which fields arrived exactly. */
export function checkSubmissions(
  posts: readonly ReceivedSubmission[],
  mapping: Readonly<Record<string, CustomerFieldName>>,
  customer: CustomerFields,
): SubmissionCheck {
  const accepted = posts.filter((p) => p.accepted);
  const wrong = posts.flatMap((p) => (p.wrong ? [p.wrong] : []));
  const expected = [...new Set(Object.values(mapping))].filter(
    (f) => customer[f] !== undefined && customer[f] !== "",
  );
  const latest = accepted.at(-1);
  const exact: CustomerFieldName[] = [];
  const mismatched: SubmissionCheck["mismatched"] = {};
  for (const field of expected) {
    const names = Object.entries(mapping)
      .filter(([, f]) => f === field)
      .map(([name]) => name);
    const got = names.map((n) => latest?.fields[n]).find((v) => v !== undefined);
    if (got !== undefined && comparable(field, got) === comparable(field, customer[field] ?? ""))
      exact.push(field);
    else mismatched[field] = got ?? null;
  }
  return { accepted: accepted.length, wrong, expected, exact, mismatched };
}

/** What a worker said about one directory, as far as judging it needs. */
export interface JudgedOutcome {
  status: "submitted" | "failed";
  reason?: string | undefined;
  errorMessage?: string | undefined;
}

export interface SiteVerdict {
  /** The outcome the site expects, and for a listing exactly one clean post with every field. */
  correct: boolean;
  /** "Submitted" where the site took no correct listing: the worst error a worker can make. */
  falseSubmitted: boolean;
  exactFields: number;
  expectedFields: number;
  /** What was wrong, in a line: the outcome, a wrong post, a field. */
  problem: string;
}

/** Judges one run on a practice site against what the site expects and what it received. */
export function judgeRun(
  site: Pick<SandboxSite, "expected" | "mapping">,
  outcome: JudgedOutcome,
  posts: readonly ReceivedSubmission[],
  customer: CustomerFields,
): SiteVerdict {
  const check = checkSubmissions(posts, site.mapping, customer);
  const expectSubmitted = site.expected.status === "submitted";
  const sameOutcome =
    outcome.status === site.expected.status && (expectSubmitted || outcome.reason === site.expected.reason);
  const falseSubmitted =
    outcome.status === "submitted" && (!expectSubmitted || check.wrong.length > 0 || check.accepted === 0);
  const problems: string[] = [];
  if (!sameOutcome)
    problems.push(
      `got ${outcome.status}${outcome.reason ? ` (${outcome.reason})` : ""}: ${outcome.errorMessage ?? ""}`.slice(
        0,
        160,
      ),
    );
  if (check.wrong.length > 0) problems.push(`wrong post: ${check.wrong.join("; ")}`);
  if (expectSubmitted && check.accepted !== 1) problems.push(`${check.accepted} listings received`);
  const missing = Object.entries(check.mismatched).map(
    ([f, v]) => `${f}=${v === null ? "∅" : JSON.stringify(v)}`,
  );
  if (expectSubmitted && missing.length > 0) problems.push(`fields: ${missing.join(", ")}`);
  return {
    correct: problems.length === 0,
    falseSubmitted,
    exactFields: expectSubmitted ? check.exact.length : 0,
    expectedFields: expectSubmitted ? check.expected.length : 0,
    problem: problems.join(" · "),
  };
}
