import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../src/browser.ts";
import { checkListing, followLink } from "../src/follow-ups.ts";
import { BrowserHost } from "../src/watchdog.ts";
import { customer, followUpTask } from "./support.ts";

/*
 * Confirmation links from mail sent through a mailing service: every link is the service's click
 * tracker, which redirects to the directory (by HTTP or by a script). The directory is on
 * 127.0.0.1, the "tracker" on localhost: two sites to the browser, one server here.
 */
let server: Server;
let port = 0;
let browser: Browser;
const directory = () => `http://127.0.0.1:${port}/dir/`;
const tracker = () => `http://localhost:${port}`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const html = (body: string) =>
      res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><body>${body}</body>`);
    if (url.pathname === "/dir/confirm") return html("<h1>Thank you! Your listing is confirmed.</h1>");
    if (url.pathname === "/click") return res.writeHead(302, { location: `${directory()}confirm?t=1` }).end();
    if (url.pathname === "/click-script")
      return html(
        `<p>Redirecting…</p><script>setTimeout(() => location.replace(${JSON.stringify(`${directory()}confirm?t=2`)}), 300)</script>`,
      );
    if (url.pathname === "/elsewhere") return html("<h1>Your email address is confirmed.</h1>");
    // A French directory's search, written its own way: results as cards whose link only says
    // "Voir la fiche", the name in the card's heading; a sponsored card first.
    if (url.pathname === "/dir/recherche")
      return html(
        `<form action="/dir/resultats"><label>Quoi ? <input name="quoi"></label> <button>Rechercher</button></form>`,
      );
    if (url.pathname === "/dir/resultats") {
      const card = (name: string, id: number) =>
        `<article class="fiche"><h3>${name}</h3><p>Austin</p><a href="/dir/fiche/${id}">Voir la fiche</a> <a href="/dir/fiche/${id}#avis">Avis</a></article>`;
      const found = (url.searchParams.get("quoi") ?? "").toLowerCase().includes("bluebird");
      return html(
        `<div class="resultats">${card("Annonce : plombiers à Austin", 1)}${found ? card(customer.businessName.replace("&", "&amp;"), 77) : ""}${card("Bluebird Café", 78)}</div>`,
      );
    }
    if (url.pathname === "/dir/fiche/77")
      return html(
        `<h1>${customer.businessName.replace("&", "&amp;")}</h1><p>${customer.address}, ${customer.city} ${customer.zip}</p><p>Tél. ${customer.phone}</p>`,
      );
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  browser = await launchBrowser({});
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

const follow = (link: string) =>
  followLink(
    new BrowserHost(browser, () => launchBrowser({}), pino({ level: "silent" })),
    followUpTask({ kind: "confirm_email", link, directoryUrl: directory(), name: "Dir Listings" }),
    { timeoutMs: 10_000, screenshot: async () => undefined },
  );

describe("[FOLLOW-UPS]: a tracked link counts only where it lands", () => {
  test("a tracker that redirects by HTTP, or by a script a moment later, to the directory confirms", async () => {
    expect(await follow(`${tracker()}/click?upn=a1`)).toMatchObject({
      outcome: "confirmed",
      finalUrl: `${directory()}confirm?t=1`,
    });
    expect(await follow(`${tracker()}/click-script?upn=a2`)).toMatchObject({
      outcome: "confirmed",
      finalUrl: `${directory()}confirm?t=2`,
    });
  });

  test("a page elsewhere that says 'confirmed' confirms nothing: a person looks, told where it led", async () => {
    const verdict = await follow(`${tracker()}/elsewhere`);
    expect(verdict).toMatchObject({ outcome: "link_failed" });
    expect(verdict.errorMessage).toMatch(/led to localhost, not to the site of Dir Listings/);
  });
});

describe("[LISTING SEARCH]: results written another way", () => {
  test("cards whose link says only 'Voir la fiche' are told apart by the name in the card: the business's own opens, live", async () => {
    const verdict = await checkListing(
      new BrowserHost(browser, () => launchBrowser({}), pino({ level: "silent" })),
      followUpTask({
        kind: "recheck_listing",
        link: directory(),
        directoryUrl: directory(),
        search: {
          version: 1,
          steps: [
            { action: "goto", url: `${directory()}recherche` },
            { action: "fill", selector: "input[name=quoi]", field: "businessName" },
            { action: "click", selector: "text=Rechercher" },
            { action: "openListing", selector: ".resultats" },
          ],
        },
      }),
      { timeoutMs: 10_000, screenshot: async () => undefined },
    );
    expect(verdict).toMatchObject({ outcome: "live", listingUrl: `${directory()}fiche/77` });
  });
});
