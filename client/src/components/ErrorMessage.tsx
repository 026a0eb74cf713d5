import { isAppError } from "../trpc.ts";

/** Words a person can act on, whatever went wrong: the server's message, or what to try. */
export function errorText(error: unknown): string {
  if (isAppError(error)) {
    if (!error.data && /fetch|network/i.test(error.message)) {
      return "Could not reach the AutoBolt server. Check your connection and try again.";
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

interface Props {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

export function ErrorMessage({ error, title = "That did not work", onRetry }: Props) {
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}</strong>
      <p>{errorText(error)}</p>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
