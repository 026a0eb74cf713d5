import type { CustomerFields } from "@autobolt/contract";
import { checkSubmissions, judgeRun, type Sandbox, type SandboxSite, startSandbox } from "@autobolt/sandbox";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../src/browser.ts";
import { type SubmissionOutcome, submitDirectory } from "../src/submit/index.ts";
import { classifyOutcome } from "../src/submit/outcome.ts";

/**
 * The hand-written directories in other languages and the hostile variants, each worked by
 * submitDirectory in a real Chromium: the outcome the site expects, and for a listing exactly one
 * accepted post carrying every field the site maps, exactly.
 */

const customer: CustomerFields = {
  businessName: "Bluebird Plumbing & Heating LLC",
  email: "owner@bluebird-plumbing.test",
  phone: "(512) 555-0142",
  website: "https://bluebird-plumbing.test",
  address: "1200 Barton Springs Rd",
  city: "Austin",
  state: "Texas",
  zip: "78704",
  description: "Family-run plumbing and heating since 1998. Licensed, insured, open 24/7.",
  category: "Plumbing",
};

const slugs = [
  "es-tabla-alta",
  "fr-fiche-pro",
  "de-firmeneintrag",
  "pt-cadastro",
  "it-elenco-imprese",
  "es-empresa-registrada",
  "de-email-bestaetigen",
  "fr-espace-pro",
  "it-recaptcha",
  "sms-verify-code",
  "rate-limited-page",
  "lying-200-strict",
  "cpu-spinner-autocomplete",
];
/** A per-directory deadline as a worker gives it; the spinner gets a short one so the test is quick. */
const perSiteTimeout = 20_000;
const spinnerTimeout = 6_000;

let sandbox: Sandbox;
let browser: Browser;
const outcomes = new Map<string, SubmissionOutcome>();

function site(slug: string): SandboxSite {
  const found = sandbox.sites.find((s) => s.slug === slug);
  if (!found) throw new Error(`no sandbox site ${slug}`);
  return found;
}

async function submit(target: SandboxSite): Promise<SubmissionOutcome> {
  const context = await browser.newContext();
  try {
    return await submitDirectory({
      context,
      directory: {
        id: target.slug,
        name: target.name,
        submissionUrl: target.submissionUrl,
        recipe: target.recipe,
      },
      customer,
      timeoutMs: target.expected.reason === "timeout" ? spinnerTimeout : perSiteTimeout,
    });
  } finally {
    await context.close();
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  browser = await launchBrowser({});
  // Two contexts at a time: the machine is shared.
  const queue = slugs.map(site);
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) outcomes.set(next.slug, await submit(next));
    }),
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe("[WORKER]: directories in other languages and pages that fight back", () => {
  test("the sites are there, each with its own domain authority", () => {
    for (const slug of slugs) expect(site(slug).slug).toBe(slug);
    expect(new Set(sandbox.sites.map((s) => s.domainAuthority)).size).toBe(sandbox.sites.length);
  });

  test.each(slugs)("%s ends as the site expects, with every field it maps exact", (slug) => {
    const target = site(slug);
    const outcome = outcomes.get(slug);
    if (!outcome) throw new Error(`${slug}: no outcome`);
    const posts = sandbox.received(slug);
    expect({ status: outcome.status, reason: outcome.reason }, outcome.errorMessage).toEqual(target.expected);
    const verdict = judgeRun(target, outcome, posts, customer);
    expect(verdict.problem).toBe("");
    if (target.expected.status === "submitted") {
      const check = checkSubmissions(posts, target.mapping, customer);
      expect(check.accepted).toBe(1);
      expect(check.mismatched).toEqual({});
      expect(check.exact.sort()).toEqual(check.expected.sort());
    }
  });

  test("nothing is ever posted past the captcha", () => {
    expect(sandbox.received("it-recaptcha")).toEqual([]);
  });

  test("an SMS code page is phone verification, never e-mail verification", () => {
    expect(outcomes.get("sms-verify-code")?.reason).toBe("phone_verification");
  });

  test("the page frozen by its own script costs its deadline and little more, and is still photographed", () => {
    const outcome = outcomes.get("cpu-spinner-autocomplete");
    expect(outcome?.reason).toBe("timeout");
    expect(outcome?.durationMs).toBeLessThan(spinnerTimeout + 3_000);
    // The frozen form itself, not the 1×1 stand-in for a page too broken to photograph.
    expect(outcome?.screenshot.length).toBeGreaterThan(1_000);
    expect(sandbox.received("cpu-spinner-autocomplete")).toEqual([]);
  });

  test("a page whose trackers never finish loading is filled without waiting for them", () => {
    expect(outcomes.get("pt-cadastro")?.durationMs).toBeLessThan(12_000);
  });
});

/**
 * What pages say after a submit, in the six languages and in words no sandbox site uses: the
 * verdict must come from the meaning (a code sent to a phone, a listing that already exists),
 * not from one site's sentence.
 */
describe("outcome words in six languages", () => {
  const verdict = (text: string) => {
    const got = classifyOutcome({
      textBefore: "Add your business\nName",
      textAfter: `Add your business\nName\n${text}`,
      transient: [],
      errors: [],
      invalidFields: [],
      urlBefore: "http://x/add",
      urlAfter: "http://x/add",
    });
    return got.status === "submitted" ? "submitted" : got.reason;
  };

  test.each([
    // A code sent to a phone.
    ["Enter the verification code we texted to (512) 555-0142.", "phone_verification"],
    ["We've sent a one-time passcode to your mobile number ending in 0142.", "phone_verification"],
    ["Introduce el código de 6 dígitos que te enviamos a tu móvil.", "phone_verification"],
    ["Le hemos enviado un código de verificación al teléfono terminado en 42.", "phone_verification"],
    ["Nous vous avons envoyé un code à 6 chiffres sur votre téléphone portable.", "phone_verification"],
    ["Saisissez le code reçu par SMS.", "phone_verification"],
    ["Wir haben Ihnen einen Bestätigungscode an Ihre Handynummer gesendet.", "phone_verification"],
    ["Geben Sie den Code ein, den wir an Ihr Telefon geschickt haben.", "phone_verification"],
    ["Enviamos um código de confirmação para o seu celular.", "phone_verification"],
    ["Digite o código recebido no WhatsApp.", "phone_verification"],
    ["Ti abbiamo inviato un codice sul cellulare. Inseriscilo qui sotto.", "phone_verification"],
    ["Inserisci il codice ricevuto sul tuo telefono.", "phone_verification"],
    // A code or link sent by e-mail.
    ["We sent a 6-digit code to owner@example.test. Enter it to publish your listing.", "email_verification"],
    ["Hemos enviado un enlace de activación a su correo electrónico.", "email_verification"],
    [
      "Veuillez confirmer votre adresse e-mail en cliquant sur le lien que nous vous avons envoyé.",
      "email_verification",
    ],
    ["Bitte bestätigen Sie Ihre E-Mail-Adresse über den Link in unserer Nachricht.", "email_verification"],
    ["Prüfen Sie Ihr Postfach: Wir haben Ihnen einen Aktivierungslink gesendet.", "email_verification"],
    ["Verifique sua caixa de entrada e confirme seu endereço de e-mail.", "email_verification"],
    ["Abbiamo inviato un link di conferma al tuo indirizzo email.", "email_verification"],
    // Already there.
    ["We found an existing listing for this business. Would you like to claim it?", "duplicate_listing"],
    ["You already have a listing with this phone number.", "duplicate_listing"],
    ["Ya existe una ficha con este teléfono.", "duplicate_listing"],
    ["Cette entreprise est déjà référencée dans notre annuaire.", "duplicate_listing"],
    ["Ein Eintrag für dieses Unternehmen existiert bereits.", "duplicate_listing"],
    ["Esta empresa já está cadastrada em nosso guia.", "duplicate_listing"],
    ["Questa attività risulta già presente nel nostro elenco.", "duplicate_listing"],
    // Throttled.
    ["Demasiadas solicitudes. Vuelva a intentarlo en unos minutos.", "rate_limited"],
    ["Sie wurden vorübergehend gesperrt: zu viele Anfragen.", "rate_limited"],
    // Signing in first.
    ["Inicia sesión para publicar tu negocio.", "login_required"],
    ["Veuillez vous identifier pour ajouter une fiche.", "login_required"],
    ["Melden Sie sich an, um Ihr Unternehmen einzutragen.", "login_required"],
    ["Faça login para cadastrar sua empresa.", "login_required"],
    ["Accedi per aggiungere la tua attività.", "login_required"],
    // An error page answered 200: never a success, whatever else it says.
    ["Error: your submission could not be processed. Thanks for your patience.", "unexpected"],
    ["No se ha podido enviar el formulario. Inténtelo de nuevo.", "unexpected"],
    ["Une erreur est survenue lors de l'enregistrement de votre fiche.", "unexpected"],
    ["Ihr Eintrag konnte nicht gespeichert werden.", "unexpected"],
    ["Não foi possível cadastrar sua empresa.", "unexpected"],
    ["Si è verificato un errore durante l'invio.", "unexpected"],
    ["Votre demande n'a pas été prise en compte.", "unexpected"],
    ["Ihr Eintrag wurde nicht gespeichert.", "unexpected"],
    ["El campo Teléfono es obligatorio.", "validation_error"],
    ["Le champ « Code postal » est invalide.", "validation_error"],
    ["Bitte geben Sie eine gültige Telefonnummer ein.", "validation_error"],
    ["O campo CEP é obrigatório.", "validation_error"],
    ["Il campo Email non è valido.", "validation_error"],
    // Went through, with a postal code and a phone echoed back: no code was sent anywhere.
    ["Thank you! We received your listing: Bluebird, phone (512) 555-0142, zip code 78704.", "submitted"],
    ["Attività inserita. Codice 5120", "submitted"],
    ["¡Listo! Tu negocio ya está publicado.", "submitted"],
    ["Pronto! Seu anúncio já está publicado no guia.", "submitted"],
    ["Votre demande a bien été prise en compte.", "submitted"],
    ["Ihr Eintrag ist jetzt online.", "submitted"],
    ["Empresa cadastrada com sucesso", "submitted"],
    ["Vielen Dank! Ihr Eintrag wurde übermittelt", "submitted"],
  ])("%s → %s", (text, expected) => {
    expect(verdict(text)).toBe(expected);
  });
});
