import type { Frame, Page } from "playwright-core";
import { changeCounts, waitForChange, waitForQuiet } from "./activity.ts";
import { detectCaptcha } from "./captcha.ts";
import { type RatedGroup, rateGroup, takesValue } from "./classify.ts";
import { inPageOr } from "./in-page.ts";
import type { LearnedHints, StepRecorder } from "./learned.ts";
import {
  callToActionText,
  claimText,
  consentAccept,
  consentBannerText,
  consentDecline,
  consentSettings,
  foldText,
  freeOptionText,
  loginOutcome,
  normalizeText,
  paidOptionText,
  startText,
} from "./lexicon.ts";
import { failed, pageText, type Verdict } from "./outcome.ts";
import { type FrameScan, scanPage } from "./scan.ts";
import { clickKey } from "./widgets.ts";

/**
 * Finding the listing form the way a person would: out of the cookie banner's way, past the
 * "Add your business" button, in whichever frame, shadow root or dialog it is drawn, and only
 * once the page has drawn it.
 */

export interface FoundForm {
  frame: Frame;
  rated: RatedGroup;
}

/** Every form of every frame, rated. */
export function rateScans(scans: readonly FrameScan[]): FoundForm[] {
  return scans.flatMap((scan) =>
    scan.groups.map((group) => ({
      frame: scan.frame,
      rated: rateGroup(
        group,
        scan.controls.filter((c) => c.group === group.key),
        scan.buttons.filter((b) => b.group === group.key),
      ),
    })),
  );
}

/** The listing form that asks for most of the business; a real <form> over loose controls. */
export function bestListing(forms: readonly FoundForm[]): FoundForm | undefined {
  return forms
    .filter((f) => f.rated.kind === "listing")
    .sort(
      (a, b) =>
        b.rated.score - a.rated.score || Number(a.rated.group.formless) - Number(b.rated.group.formless),
    )[0];
}

interface Banner {
  key: string;
  text: string;
  buttons: Array<{ key: string; text: string }>;
}

/**
 * Dismisses cookie and consent banners: "reject" or "only necessary" where offered (the agency
 * accepts nothing it need not), else "accept". Answers how many were dismissed.
 */
export async function dismissConsent(page: Page, recorder: StepRecorder): Promise<number> {
  let dismissed = 0;
  for (const frame of page.frames()) {
    const banners = await inPageOr<Banner[]>(frame, [], "banners");
    for (const banner of banners) {
      if (!consentBannerText.test(normalizeText(banner.text))) continue;
      const label = (b: { text: string }) => normalizeText(b.text);
      const buttons = banner.buttons.filter(
        (b) => !consentSettings.test(label(b)) || consentDecline.test(label(b)),
      );
      const choice =
        buttons.find((b) => consentDecline.test(label(b))) ??
        buttons.find((b) => consentAccept.test(label(b)));
      if (!choice) continue;
      const target = await recorder.target(frame, choice.key);
      const since = await changeCounts(page);
      if (!(await clickKey(frame, choice.key))) continue;
      recorder.add(target && { action: "click", ...target });
      await waitForChange(since, 1_000);
      dismissed += 1;
    }
  }
  return dismissed;
}

interface Clickable {
  key: string;
  text: string;
  href: string;
  tag: string;
  inForm: boolean;
  /** The text of the box it sits in alone (a plan's card), or "". */
  card: string;
}

/**
 * A sign-in that asks for the address first (the password on its next page): one address box
 * in a shown form, on a page that says to sign in. Without it the wall would only be known once
 * the wait for a late listing form ran out.
 */
async function emailFirstWall(page: Page, forms: FoundForm[]): Promise<FoundForm | undefined> {
  const form = forms.find((f) => {
    if (!f.rated.group.visible) return false;
    const boxes = f.rated.controls.filter((c) => c.visible && !c.disabled && takesValue(c));
    const says = normalizeText(`${f.rated.group.hints} ${f.rated.buttons.map((b) => b.text).join(" ")}`);
    return (
      boxes.length === 1 &&
      (boxes[0]?.type === "email" || boxes[0]?.autocomplete.includes("username")) &&
      !/\b(newsletter|subscribe|suscri|abonn|iscriv|assine|mailing list)\b/.test(says)
    );
  });
  return form && loginOutcome.test(foldText(await pageText(page))) ? form : undefined;
}

/** The strongest call to action on the page that leads to adding a listing, if any. */
async function callToAction(
  page: Page,
  tried: Set<string>,
): Promise<{ frame: Frame; key: string; id: string } | undefined> {
  let best: { frame: Frame; key: string; id: string; rank: number } | undefined;
  for (const frame of page.frames()) {
    for (const c of await inPageOr<Clickable[]>(frame, [], "clickables")) {
      const text = normalizeText(c.text);
      // The same call to action on the next page (a header link) is not a new way in.
      const id = c.href || `${frame.url()}#${text}`;
      // A button inside a form submits that form: never a way in.
      if (c.inForm || tried.has(id) || tried.has(text)) continue;
      const card = normalizeText(c.card);
      // Second best: a welcome screen's "Start", or the free plan's button on a pricing page
      // (never a paid one: the form behind it takes a card).
      const fallback = startText.test(text)
        ? !paidOptionText.test(card)
        : freeOptionText.test(card) && !paidOptionText.test(card) && card !== text;
      if (!callToActionText.test(text) && !fallback) continue;
      let rank = callToActionText.test(text) ? 10 - Math.min(8, text.split(" ").length) : -4;
      // "Claim your listing" is a way in when nothing offers to add one ("Claim your free listing").
      if (claimText.test(text)) rank -= 12;
      if (c.tag === "button") rank += 1;
      if (!best || rank > best.rank) best = { frame, key: c.key, id, rank };
    }
  }
  if (!best || best.rank < -5) return undefined;
  return best;
}

/**
 * Waits for the listing form: a late one is watched for (never polled), a banner is dismissed,
 * a call to action is followed (up to three), and a page that shows only a sign-in is a login
 * wall. Answers the form, or the verdict of why there is none.
 */
export async function findListingForm(options: {
  page: Page;
  deadline: number;
  recorder: StepRecorder;
  hints?: LearnedHints;
}): Promise<FoundForm | Verdict> {
  const { page, recorder, hints } = options;
  const tried = new Set<string>();
  let hops = 0;
  let formWait = Math.min(options.deadline, Date.now() + 6_000);
  let loginSince: number | undefined;
  let quietAt = -1;
  const pendingHints = [...(hints?.openingClicks ?? [])];
  for (;;) {
    await dismissConsent(page, recorder);
    const since = await changeCounts(page);
    const scans = await scanPage(page);
    const forms = rateScans(scans);
    const listing = bestListing(
      forms.filter((f) => f.rated.group.visible || f.rated.controls.some((c) => c.visible)),
    );
    if (listing) return listing;

    // Last time the way to the form went through these clicks: take them first.
    const hinted = pendingHints.shift();
    if (hinted) {
      const found = await hints?.find(hinted);
      if (found) {
        const changed = await changeCounts(page);
        if (await clickKey(found.frame, found.key)) {
          recorder.add({ action: "click", ...hinted });
          await waitForChange(changed, 5_000);
          continue;
        }
      }
    }

    const account =
      forms.find((f) => (f.rated.kind === "login" || f.rated.kind === "signup") && f.rated.group.visible) ??
      (await emailFirstWall(page, forms));
    if (account) {
      loginSince ??= Date.now();
      if (scans.every((s) => s.settled) || Date.now() - loginSince > 1_500) {
        return failed(
          "login_required",
          account.rated.kind === "signup"
            ? "The listing form creates an account (it asks for a password)."
            : "The listing form is behind a sign-in form.",
        );
      }
    }
    const settled = scans.every((s) => s.settled);
    // Give a loading page a moment to draw its form before reaching for a call to action, and
    // look again at what it drew.
    if (!settled && quietAt !== hops) {
      quietAt = hops;
      await waitForQuiet(page.mainFrame(), 300, Math.max(0, Math.min(2_000, formWait - Date.now())));
      continue;
    }
    if (hops < 3) {
      const cta = await callToAction(page, tried);
      if (cta) {
        hops += 1;
        tried.add(cta.id);
        const target = await recorder.target(cta.frame, cta.key);
        const changed = await changeCounts(page);
        if (await clickKey(cta.frame, cta.key)) {
          recorder.add(target && { action: "click", ...target });
          await waitForChange(changed, 5_000);
          formWait = Math.min(options.deadline, Date.now() + 6_000);
          continue;
        }
      }
    }
    if (settled || Date.now() >= formWait) {
      const text = foldText(await pageText(page));
      if (loginOutcome.test(text)) return failed("login_required", "The page asks to sign in first.");
      const captcha = await detectCaptcha(page);
      if (captcha) return failed("captcha_required", `No listing form, only ${captcha}`);
      return failed("form_not_found", `No listing form on ${page.url()}`);
    }
    // A sign-in wall is answered once it has stood for a moment, not after the whole late-form wait.
    const until = account && loginSince !== undefined ? Math.min(formWait, loginSince + 1_600) : formWait;
    await waitForChange(since, until - Date.now());
  }
}
