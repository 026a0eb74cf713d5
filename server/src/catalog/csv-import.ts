import { CSV_IMPORT_MAX_ROWS, type DirectoryFields, directoryFields } from "@autobolt/contract";
import { parse } from "csv-parse/sync";

export interface CsvRowError {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  field?: string;
  message: string;
}

export interface ParsedCatalogCsv {
  rows: DirectoryFields[];
  errors: CsvRowError[];
}

const requiredColumns = ["id", "name", "url", "submission_url", "category"] as const;
const columnToField: Record<string, keyof DirectoryFields> = {
  id: "id",
  name: "name",
  url: "url",
  submission_url: "submissionUrl",
  category: "category",
  domain_authority: "domainAuthority",
  requires_login: "requiresLogin",
  requires_captcha: "requiresCaptcha",
  requires_email_verification: "requiresEmailVerification",
  requires_phone_verification: "requiresPhoneVerification",
  active: "active",
  notes: "notes",
  recipe: "recipe",
  listing_search: "listingSearch",
  form_email: "formEmail",
};
const booleanFields = new Set<keyof DirectoryFields>([
  "requiresLogin",
  "requiresCaptcha",
  "requiresEmailVerification",
  "requiresPhoneVerification",
  "active",
]);

/**
 * Read a catalog CSV into validated directory rows, reporting each bad row by its line in the
 * file. Unknown columns are reported once, on the header line, and otherwise ignored.
 */
export function parseCatalogCsv(csv: string): ParsedCatalogCsv {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      rows: [],
      errors: [{ line, message: `The file is not valid CSV: ${(error as Error).message}` }],
    };
  }
  if (records.length > CSV_IMPORT_MAX_ROWS) {
    return {
      rows: [],
      errors: [
        {
          line: 1,
          message: `The file has ${records.length.toLocaleString("en-US")} rows; an import takes at most ${CSV_IMPORT_MAX_ROWS.toLocaleString("en-US")}. Split it into smaller files.`,
        },
      ],
    };
  }
  const errors: CsvRowError[] = [];
  const header = csv.split(/\r?\n/, 1)[0] ?? "";
  const columns = header.split(",").map((c) =>
    c
      .trim()
      .replace(/^\uFEFF/, "")
      .replace(/^"|"$/g, "")
      .toLowerCase(),
  );
  const missing = requiredColumns.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    return { rows: [], errors: [{ line: 1, message: `Missing required columns: ${missing.join(", ")}` }] };
  }
  const unknown = columns.filter((c) => c && !(c in columnToField));
  if (unknown.length > 0) errors.push({ line: 1, message: `Ignored unknown columns: ${unknown.join(", ")}` });

  const rows: DirectoryFields[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const candidate: Record<string, unknown> = {};
    let rowError: CsvRowError | undefined;
    for (const [column, raw] of Object.entries(record)) {
      const field = columnToField[column];
      if (!field || raw === "") continue;
      if (booleanFields.has(field)) {
        const value = parseBoolean(raw);
        if (value === undefined)
          rowError ??= { line, field: column, message: `"${raw}" is not yes/no, true/false or 1/0` };
        candidate[field] = value;
      } else if (field === "domainAuthority") {
        candidate[field] = Number(raw);
      } else if (field === "recipe" || field === "listingSearch") {
        try {
          candidate[field] = JSON.parse(raw);
        } catch {
          rowError ??= { line, field: column, message: `${column} is not valid JSON` };
        }
      } else {
        candidate[field] = raw;
      }
    }
    if (rowError) {
      errors.push(rowError);
      continue;
    }
    const parsed = directoryFields.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue ? fieldToColumn(String(issue.path[0] ?? "")) : undefined;
      errors.push({ line, ...(field ? { field } : {}), message: issue?.message ?? "invalid row" });
      continue;
    }
    const firstLine = seen.get(parsed.data.id);
    if (firstLine !== undefined) {
      errors.push({
        line,
        field: "id",
        message: `id "${parsed.data.id}" already appears on line ${firstLine}`,
      });
      continue;
    }
    seen.set(parsed.data.id, line);
    rows.push(parsed.data);
  }
  return { rows, errors };
}

function parseBoolean(raw: string): boolean | undefined {
  const v = raw.toLowerCase();
  if (["true", "yes", "y", "1"].includes(v)) return true;
  if (["false", "no", "n", "0"].includes(v)) return false;
  return undefined;
}

function fieldToColumn(field: string): string | undefined {
  return Object.entries(columnToField).find(([, f]) => f === field)?.[0];
}
