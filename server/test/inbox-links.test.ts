import { describe, expect, test } from "vitest";
import { confirmationLink, linksOf } from "../src/inbox/links.ts";

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
