import { describe, expect, test } from "vitest";
import { confirmationLink, linksOf, mentions } from "../src/inbox/links.ts";

const directory = ["https://dir.example/add-listing"];

describe("[INBOX LINKS]: which link of a directory's mail confirms", () => {
  test("an HTML button saying confirm wins over the directory's other links; unsubscribe and other sites never", () => {
    const html = `<p><a href="https://dir.example/">Home</a> <a href="https://dir.example/unsubscribe?u=1">Confirm unsubscribe</a>
      <a href="https://tracker.example/c?u=https://dir.example/confirm">Confirm</a>
      <a href="https://dir.example/verify?t=abc&amp;l=9">Confirm my listing</a></p>`;
    expect(confirmationLink(linksOf("", html), directory)).toBe("https://dir.example/verify?t=abc&l=9");
  });

  test("a bare URL is said by its line, or by the line before when it stands alone (WordPress's new-user mail)", () => {
    const text = `Username: bluebird\n\nTo set your password, visit the following address:\n\nhttps://dir.example/wp-login.php?action=rp&key=K3y&login=bluebird\n\nhttps://dir.example/wp-login.php\n`;
    const links = linksOf(text, null);
    expect(links[0]).toEqual({
      url: "https://dir.example/wp-login.php?action=rp&key=K3y&login=bluebird",
      text: "To set your password, visit the following address:",
    });
    expect(confirmationLink(links, directory)).toBe(links[0]?.url);
  });

  test("two links that say nothing confirm nothing; one alone on the directory's site is the one", () => {
    const two = linksOf("See https://dir.example/a and https://dir.example/b", null);
    expect(confirmationLink(two, directory)).toBeUndefined();
    expect(confirmationLink(linksOf("Go: https://dir.example/k/7f3", null), directory)).toBe(
      "https://dir.example/k/7f3",
    );
  });
});

describe("[INBOX LINKS]: mail sent through a mailing service", () => {
  const tracker = (n: number) => `https://u1.ct.sendgrid.net/ls/click?upn=${n}`;

  test("with every link rewritten to the tracker, the one whose words confirm is followed; two such, none", () => {
    const html = `<a href="${tracker(1)}">View in browser</a> <a href="${tracker(2)}">Verify your email</a>`;
    expect(confirmationLink(linksOf("", html), directory)).toBe(tracker(2));
    const two = `<a href="${tracker(1)}">Confirm</a> <a href="${tracker(2)}">Confirm listing</a>`;
    expect(confirmationLink(linksOf("", two), directory)).toBeUndefined();
  });

  test("a confirming link on the directory's own site beats a tracked one; a tracked one beats an unworded own", () => {
    const both = `<a href="${tracker(1)}">Confirm</a> <a href="https://dir.example/verify?t=1">Verify</a>`;
    expect(confirmationLink(linksOf("", both), directory)).toBe("https://dir.example/verify?t=1");
    const html = `<a href="${tracker(1)}">Confirm</a> <a href="https://dir.example/account">Your account</a>`;
    expect(confirmationLink(linksOf("", html), directory)).toBe(tracker(1));
  });

  test("the directory is named as whole words, never by a short or partial name", () => {
    expect(mentions("Your listing on CityFinder Pro is almost live", "CityFinder Pro")).toBe(true);
    expect(mentions("Welcome to Páginas Locales!", "Paginas Locales")).toBe(true);
    expect(mentions("Directory 12 says hi", "Directory 1")).toBe(false);
    expect(mentions("Yelp for business", "Ye")).toBe(false);
  });
});
