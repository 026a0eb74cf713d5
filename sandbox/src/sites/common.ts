import { escapeHtml } from "../html.ts";

export const categories = [
  "Accounting",
  "Auto Repair",
  "Dentists",
  "Electricians",
  "Home Services",
  "Landscaping",
  "Legal",
  "Plumbing",
  "Restaurants",
  "Retail",
];

export function categoryOptions(placeholder: string): string {
  return [
    `<option value="">${escapeHtml(placeholder)}</option>`,
    ...categories.map((c) => `<option value="${escapeHtml(c)}">${escapeHtml(c)}</option>`),
  ].join("\n");
}

/** Missing or blank required fields, by the label the site would show. */
export function missing(fields: Record<string, string>, required: Record<string, string>): string[] {
  return Object.entries(required)
    .filter(([name]) => !fields[name]?.trim())
    .map(([, label]) => label);
}

export function nav(links: Array<[string, string]>): string {
  return links.map(([href, text]) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`).join(" ");
}
