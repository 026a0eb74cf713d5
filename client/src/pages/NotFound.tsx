import { Link } from "@tanstack/react-router";
import { useTitle } from "../hooks.ts";

export function NotFoundPage() {
  useTitle("Not found");
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Back to the queue</Link>.
      </p>
    </>
  );
}
