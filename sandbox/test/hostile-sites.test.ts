import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Sandbox, startSandbox } from "../src/index.ts";

/** The language and hostile sites as plain HTTP sees them: what each answers, and what it keeps. */

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox?.close();
});

function siteUrl(slug: string, path = ""): string {
  return `${sandbox.url}/${slug}/${path}`;
}

function post(slug: string, path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(siteUrl(slug, path), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

/** A complete, correct post for each accepting site: its required fields and what it must be sent. */
const accepting: Record<
  string,
  { path: string; fields: Record<string, string>; required: string; says: RegExp }
> = {
  "es-tabla-alta": {
    path: "alta",
    fields: {
      empresa: "Fontanería Azul",
      direccion: "Calle Mayor 5",
      poblacion: "Madrid",
      telefono: "912 345 678",
      correo: "hola@azul.test",
      acepto: "1",
    },
    required: "poblacion",
    says: /¡Gracias! Su negocio ha sido registrado/,
  },
  "fr-fiche-pro": {
    path: "inscription/entreprise",
    fields: {
      "fiche[raison]": "Plomberie Bleue",
      "fiche[courriel]": "contact@bleue.test",
      "fiche[tel]": "01 23 45 67 89",
      "fiche[cp]": "75011",
      "fiche[ville]": "Paris",
    },
    required: "fiche[tel]",
    says: /Votre fiche a été publiée/,
  },
  "de-firmeneintrag": {
    path: "eintrag/neu",
    fields: {
      firma: "Blau GmbH",
      strasse: "Hauptstraße 1",
      plz: "10115",
      ort: "Berlin",
      email: "info@blau.test",
    },
    required: "plz",
    says: /Vielen Dank! Ihr Eintrag wurde übermittelt/,
  },
  "pt-cadastro": {
    path: "cadastro",
    fields: {
      nome_empresa: "Encanadora Azul",
      categoria: "outros",
      email: "contato@azul.test",
      telefone: "(11) 91234-5678",
      cidade: "São Paulo",
    },
    required: "categoria",
    says: /Empresa cadastrada com sucesso/,
  },
  "it-elenco-imprese": {
    path: "inserisci",
    fields: {
      att_nome: "Idraulica Blu",
      sede_via: "Via Roma 1",
      sede_citta: "Milano",
      con_tel: "02 1234567",
      con_email: "info@blu.test",
      privacy: "si",
    },
    required: "privacy",
    says: /Attività inserita\. Codice \d+/,
  },
};

describe("accepting sites check what a real site checks", () => {
  test.each(Object.keys(accepting))(
    "%s accepts a complete post and records exactly what it parsed",
    async (slug) => {
      const site = accepting[slug];
      if (!site) throw new Error(slug);
      sandbox.reset();
      const response = await post(slug, site.path, site.fields);
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(site.says);
      const [received, ...more] = sandbox.received(slug);
      expect(more).toEqual([]);
      expect(received?.accepted).toBe(true);
      expect(received?.fields).toEqual(site.fields);
    },
  );

  test.each(Object.keys(accepting))("%s refuses a post missing a required field", async (slug) => {
    const site = accepting[slug];
    if (!site) throw new Error(slug);
    sandbox.reset();
    const { [site.required]: _left, ...incomplete } = site.fields;
    const response = await post(slug, site.path, incomplete);
    expect(await response.text()).not.toMatch(site.says);
    expect(sandbox.received(slug).map((r) => r.accepted)).toEqual([false]);
  });

  test("the French form is reached from the home page's call to action", async () => {
    const home = await (await fetch(siteUrl("fr-fiche-pro"))).text();
    expect(home).toMatch(/<a class="cta" href="inscription\/entreprise">Ajouter mon entreprise<\/a>/);
    const form = await (await fetch(siteUrl("fr-fiche-pro", "inscription/entreprise"))).text();
    expect(form).not.toMatch(/<label/);
    expect(form).toMatch(/placeholder="Nom de l&#39;entreprise"/);
  });

  test("every language site says which language it is in", async () => {
    const native = ["es-tabla-alta", "fr-fiche-pro", "de-firmeneintrag", "pt-cadastro", "it-elenco-imprese"];
    for (const site of sandbox.sites.filter((s) => native.includes(s.slug))) {
      const html = await (await fetch(site.submissionUrl)).text();
      expect(html, site.slug).toMatch(new RegExp(`<html lang="${site.language}`));
    }
  });
});

describe("refusing sites answer as the real ones do", () => {
  test("the throttled form page is a 429 with Retry-After", async () => {
    const response = await fetch(siteUrl("rate-limited-page", "submit"));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3600");
    expect(await response.text()).toMatch(/You are being rate limited/);
  });

  test("the lying site answers 200 with an error alert for a short description", async () => {
    sandbox.reset();
    const response = await post("lying-200-strict", "add", {
      business: "Bluebird",
      email: "a@b.test",
      description: "Family-run plumbing.",
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(
      /<div class="alert alert-error"><strong>Error: your submission could not be processed\.<\/strong>/,
    );
    expect(html).toMatch(/Description must be at least 120 characters/);
    expect(sandbox.received("lying-200-strict").map((r) => r.accepted)).toEqual([false]);
  });

  test("the Spanish duplicate answers 200 with its alert and lists nothing", async () => {
    sandbox.reset();
    const es = await post("es-empresa-registrada", "publicar", { nombre: "Bluebird", tel: "555 0142" });
    expect(es.status).toBe(200);
    expect(await es.text()).toMatch(/Esta empresa ya está registrada/);
    expect(sandbox.received("es-empresa-registrada").map((r) => r.accepted)).toEqual([false]);
  });

  test("verification pages: an e-mail link in German, an SMS code in English", async () => {
    const de = await post("de-email-bestaetigen", "registrieren", { firmenname: "Blau", email: "a@b.test" });
    expect(await de.text()).toMatch(/Bitte bestätigen Sie Ihre E-Mail-Adresse/);
    const sms = await post("sms-verify-code", "business/add", {
      business_name: "Bluebird",
      mobile: "5125550142",
    });
    expect(await sms.text()).toMatch(/We sent a 6-digit code to your phone ending in 42/);
  });

  test("the login wall and the captcha page refuse posts", async () => {
    const login = await post("fr-espace-pro", "connexion", { identifiant: "a@b.test", mdp: "x" });
    expect(login.status).toBe(401);
    const captcha = await post("it-recaptcha", "segnala", { ragione_sociale: "Blu" });
    expect(captcha.status).toBe(400);
    expect(sandbox.received("it-recaptcha").every((r) => !r.accepted)).toBe(true);
  });

  test("the spinning page ships its endless loop", async () => {
    const html = await (await fetch(siteUrl("cpu-spinner-autocomplete", "new"))).text();
    expect(html).toMatch(/while \(cache\.length === 0/);
  });
});

describe("held-open subresources", () => {
  test("the Portuguese site's pixel sends its headers and never ends; closing the sandbox ends it", async () => {
    const own = await startSandbox({ port: 0 });
    const controller = new AbortController();
    const response = await fetch(`${own.url}/pt-cadastro/px/collect.gif`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/gif");
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe("GIF89a");
    const next = reader?.read().then(
      (r) => (r.done ? "ended" : "data"),
      () => "ended",
    );
    const still = await Promise.race([next, new Promise((r) => setTimeout(() => r("open"), 300))]);
    expect(still).toBe("open");
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await next).toBe("ended");
  });
});
