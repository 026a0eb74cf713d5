import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { ErrorMessage } from "../components/ErrorMessage.tsx";
import { useTitle } from "../hooks.ts";
import { useTRPC } from "../trpc.ts";

const header =
  "id,name,url,submission_url,category,domain_authority,requires_login,requires_captcha,requires_email_verification,requires_phone_verification,active,notes,recipe";

export default function ImportCsvPage() {
  useTitle("Import directories");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState("");
  const [mode, setMode] = useState<"valid-rows" | "all-or-nothing">("valid-rows");
  const [fileError, setFileError] = useState<string | null>(null);
  const importCsv = useMutation(
    trpc.directories.importCsv.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.directories.pathFilter()),
    }),
  );

  async function readFile(file: File | undefined) {
    setFileError(null);
    if (!file) return;
    if (file.size > 5_000_000) {
      setFileError("That file is larger than 5 MB; split it into smaller files.");
      return;
    }
    setCsv(await file.text());
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!csv.trim()) {
      setFileError("Choose a CSV file or paste its contents first.");
      return;
    }
    importCsv.mutate({ csv, mode });
  }

  const report = importCsv.data;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to="/directories">Directories</Link> <span aria-hidden="true">/</span> <span>Import</span>
      </nav>
      <h1>Import directories from CSV</h1>
      <p className="lead">
        Rows are matched by <code>id</code>: new ones are added, existing ones updated. Required columns:{" "}
        <code>id,name,url,submission_url,category</code>.
      </p>
      <details className="card hint-card">
        <summary>All columns</summary>
        <pre className="code">{header}</pre>
        <p className="small muted">
          Flags take true/false; <code>recipe</code> is the recipe JSON in one quoted cell.
        </p>
      </details>
      <form className="card form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="csv-file">CSV file</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => readFile(e.target.files?.[0])}
          />
        </div>
        <div className="field field-wide">
          <label htmlFor="csv-text">Or paste the CSV</label>
          <textarea
            id="csv-text"
            className="code"
            rows={10}
            spellCheck={false}
            value={csv}
            placeholder={header}
            onChange={(e) => setCsv(e.target.value)}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "csv-error" : undefined}
          />
          {fileError && (
            <p className="field-error" id="csv-error">
              {fileError}
            </p>
          )}
        </div>
        <fieldset>
          <legend>When some rows are bad</legend>
          <label className="check">
            <input
              type="radio"
              name="mode"
              checked={mode === "valid-rows"}
              onChange={() => setMode("valid-rows")}
            />
            Import the good rows and list the bad ones
          </label>
          <label className="check">
            <input
              type="radio"
              name="mode"
              checked={mode === "all-or-nothing"}
              onChange={() => setMode("all-or-nothing")}
            />
            Import nothing unless every row is good
          </label>
        </fieldset>
        {importCsv.error && <ErrorMessage error={importCsv.error} title="The import failed" />}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={importCsv.isPending}>
            {importCsv.isPending ? "Importing…" : "Import"}
          </button>
        </div>
      </form>

      {report && (
        <section className="card" aria-labelledby="import-report" aria-live="polite">
          <h2 id="import-report">Import report</h2>
          <p className={report.written ? "notice notice-success" : "notice notice-warning"}>
            {report.written
              ? `${report.created} added, ${report.updated} updated.`
              : report.errors.length
                ? "Nothing was imported: fix the rows below and import again."
                : "The file had no rows to import."}
            {report.errors.length > 0 && report.written && ` ${report.errors.length} rows were skipped.`}
          </p>
          {report.errors.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <caption>Problems by line</caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Column</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.map((e, i) => (
                    <tr key={`${e.line}-${e.field ?? ""}-${i}`}>
                      <td className="num">{e.line}</td>
                      <td>{e.field ?? "—"}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>
            <Link to="/directories">Back to the catalog</Link>
          </p>
        </section>
      )}
    </>
  );
}
