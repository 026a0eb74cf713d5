import { escapeHtml, page } from "../html.ts";
import type { RequestContext, SiteDefinition } from "../types.ts";
import { missing } from "./common.ts";

/**
 * Directories in Spanish, French, German, Portuguese and Italian (and one English SMS check): each
 * written by hand the way a site of that country writes its form (its own label style, words,
 * server-side checks and messages), not one form translated. They sit beside `languages.ts`'s
 * builder-made sites so the filler meets two different renderings of each habit.
 */

const looksLikeEmail = (value: string | undefined) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value ?? "");

// ── 1. Spanish: an old table layout, labels in the cell beside each control ───────────────────────

const esTableCss = `body{font-family:Tahoma,Verdana,sans-serif;font-size:13px;background:#eef2e6;margin:0}
#cab{background:#2e5e1e;color:#fff;padding:10px 20px}#cab h1{margin:0;font-size:22px}
#cuerpo{width:760px;margin:16px auto;background:#fff;border:1px solid #c8d3b8;padding:16px}
table.alta{border-collapse:collapse;width:100%}table.alta td{padding:5px;border-bottom:1px dotted #ccd}
td.et{width:200px;text-align:right;font-weight:bold;color:#444}td.et em{color:#c00;font-style:normal}
input[type=text],textarea{width:96%;border:1px solid #9a9}.aviso{background:#fde;border:1px solid #c99;padding:8px}
.pie{font-size:11px;color:#777;text-align:center;margin-top:12px}`;

function esTableForm(values: Record<string, string>, problems: string[]): string {
  const v = (name: string, fallback = "") => escapeHtml(values[name] ?? fallback);
  const aviso = problems.length
    ? `<div class="aviso"><b>Por favor, revise los siguientes campos:</b><ul>${problems
        .map((p) => `<li>${escapeHtml(p)}</li>`)
        .join("")}</ul></div>`
    : "";
  return `<div id="cab"><h1>Guía Empresarial del Sur</h1><small>Directorio de empresas y profesionales desde 2003</small></div>
<div id="cuerpo"><h2>Alta gratuita de empresa</h2>
<p>Complete el formulario. Los campos marcados con <em style="color:#c00">*</em> son obligatorios.</p>${aviso}
<form method="post" action="alta" name="frmAlta">
<table class="alta">
<tr><td class="et">Nombre de la empresa <em>*</em></td><td><input type="text" name="empresa" value="${v("empresa")}"></td></tr>
<tr><td class="et">Actividad</td><td><input type="text" name="actividad" value="${v("actividad")}"></td></tr>
<tr><td class="et">Persona de contacto</td><td><input type="text" name="contacto" value="${v("contacto")}"></td></tr>
<tr><td class="et">Dirección <em>*</em></td><td><input type="text" name="direccion" value="${v("direccion")}"></td></tr>
<tr><td class="et">Población <em>*</em></td><td><input type="text" name="poblacion" value="${v("poblacion")}"></td></tr>
<tr><td class="et">Provincia</td><td><input type="text" name="provincia" value="${v("provincia")}"></td></tr>
<tr><td class="et">Código postal</td><td><input type="text" name="cp" maxlength="10" size="8" value="${v("cp")}"></td></tr>
<tr><td class="et">Teléfono <em>*</em></td><td><input type="text" name="telefono" value="${v("telefono")}"></td></tr>
<tr><td class="et">Correo electrónico <em>*</em></td><td><input type="text" name="correo" value="${v("correo")}"></td></tr>
<tr><td class="et">Página web</td><td><input type="text" name="web" value="${v("web", "http://")}"></td></tr>
<tr><td class="et">Descripción de la actividad</td><td><textarea name="descripcion" rows="5">${v("descripcion")}</textarea></td></tr>
<tr><td></td><td><input type="checkbox" name="acepto" id="acepto" value="1"> He leído y acepto el <a href="#">aviso legal</a> y la <a href="#">política de privacidad</a> <em>*</em></td></tr>
<tr><td></td><td><input type="submit" value="Enviar"> <input type="reset" value="Borrar"></td></tr>
</table>
</form>
<p class="pie">© Guía Empresarial del Sur · <a href="#">Contacto</a> · <a href="#">Aviso legal</a></p></div>`;
}

export const esTableCells: SiteDefinition = {
  slug: "es-tabla-alta",
  name: "Guía Empresarial del Sur",
  category: "general",
  domainAuthority: 100,
  language: "es",
  patterns: ["labels in table cells", "http:// prefilled"],
  expected: { status: "submitted" },
  submissionPath: "alta",
  mapping: {
    empresa: "businessName",
    actividad: "category",
    direccion: "address",
    poblacion: "city",
    provincia: "state",
    cp: "zip",
    telefono: "phone",
    correo: "email",
    web: "website",
    descripcion: "description",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          lang: "es",
          title: "Guía Empresarial del Sur — directorio de empresas",
          css: esTableCss,
          body: `<div id="cab"><h1>Guía Empresarial del Sur</h1></div><div id="cuerpo">
<form action="buscar"><input type="text" name="que" placeholder="¿Qué busca?"> <input type="submit" value="Buscar"></form>
<p><a href="alta">Dé de alta su empresa gratis</a></p></div>`,
        }),
    },
    {
      method: "GET",
      path: "alta",
      handle: () =>
        page({
          lang: "es",
          title: "Alta de empresa — Guía Empresarial del Sur",
          css: esTableCss,
          body: esTableForm({}, []),
        }),
    },
    {
      method: "POST",
      path: "alta",
      handle: (ctx) => {
        const problems = missing(ctx.fields, {
          empresa: "El nombre de la empresa es obligatorio",
          direccion: "La dirección es obligatoria",
          poblacion: "La población es obligatoria",
          telefono: "El teléfono es obligatorio",
          correo: "El correo electrónico es obligatorio",
          acepto: "Debe aceptar el aviso legal y la política de privacidad",
        });
        if (ctx.fields.correo && !looksLikeEmail(ctx.fields.correo))
          problems.push("El correo electrónico no es válido");
        ctx.record(ctx.fields, problems.length === 0);
        if (problems.length)
          return page({
            lang: "es",
            title: "Alta de empresa",
            css: esTableCss,
            body: esTableForm(ctx.fields, problems),
          });
        return page({
          lang: "es",
          title: "Alta completada — Guía Empresarial del Sur",
          css: esTableCss,
          body: `<div id="cab"><h1>Guía Empresarial del Sur</h1></div><div id="cuerpo">
<h2>¡Gracias! Su negocio ha sido registrado</h2>
<p>Nuestro equipo revisará los datos de <b>${escapeHtml(ctx.fields.empresa ?? "")}</b> en un plazo de 48 horas laborables.</p>
<p><a href="./">Volver a la portada</a></p></div>`,
        });
      },
    },
  ],
};

// ── 2. French: placeholders only, reached from the home page's call to action ─────────────────────

const frCss = `*{box-sizing:border-box}body{font-family:"Helvetica Neue",Arial,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
.hero{background:linear-gradient(120deg,#1e3a8a,#3b82f6);color:#fff;padding:48px 24px;text-align:center}
.hero form{display:flex;gap:8px;justify-content:center;margin:16px 0}.hero input{padding:10px;border:0;border-radius:4px;width:220px}
.cta{display:inline-block;background:#f97316;color:#fff;padding:12px 22px;border-radius:999px;text-decoration:none;font-weight:600}
.boite{max-width:560px;margin:32px auto;background:#fff;padding:28px;border-radius:10px;box-shadow:0 2px 12px #0001}
.boite input,.boite textarea{width:100%;padding:11px;margin:6px 0;border:1px solid #d4d4d8;border-radius:6px;font-size:15px}
.duo{display:grid;grid-template-columns:1fr 2fr;gap:8px}.boite button{background:#1e3a8a;color:#fff;border:0;padding:12px 26px;border-radius:6px;font-size:15px}
.erreurs{list-style:none;padding:0;margin:0 0 4px;color:#b91c1c;font-size:13px}footer{text-align:center;color:#888;padding:24px;font-size:13px}
footer input{padding:6px}`;

const frFooter = `<footer><form action="lettre" method="post">Recevez nos actualités : <input type="email" name="email" placeholder="Votre e-mail"> <button>S'abonner</button></form>
<p>© Annuaire des Pros — <a href="#">Mentions légales</a> · <a href="#">CGU</a></p></footer>`;

function frForm(values: Record<string, string>, errors: Record<string, string>): string {
  const input = (name: string, placeholder: string, type = "text") =>
    `${errors[name] ? `<ul class="erreurs"><li>${escapeHtml(errors[name])}</li></ul>` : ""}<input type="${type}" name="fiche[${name}]" placeholder="${escapeHtml(placeholder)}" value="${escapeHtml(values[`fiche[${name}]`] ?? "")}">`;
  return `<div class="boite"><h1>Inscrivez votre entreprise</h1><p>Gratuit, sans engagement, en 2 minutes.</p>
<form method="post" action="entreprise" name="fiche">
${input("raison", "Nom de l'entreprise")}
${input("courriel", "Adresse e-mail professionnelle", "email")}
${input("tel", "Téléphone", "tel")}
${input("site", "Site internet (https://…)")}
${input("adresse", "Adresse (n° et rue)")}
<div class="duo"><div>${input("cp", "Code postal")}</div><div>${input("ville", "Ville")}</div></div>
${input("region", "Région")}
<textarea name="fiche[presentation]" rows="4" placeholder="Présentez votre activité en quelques lignes">${escapeHtml(values["fiche[presentation]"] ?? "")}</textarea>
<input type="hidden" name="fiche[_token]" value="b8f1c2">
<button type="submit">Publier ma fiche</button>
</form></div>`;
}

export const frPlaceholders: SiteDefinition = {
  slug: "fr-fiche-pro",
  name: "Annuaire des Pros",
  category: "general",
  domainAuthority: 99,
  language: "fr",
  patterns: ["placeholders only", "call to action on the home page", "newsletter beside"],
  expected: { status: "submitted" },
  submissionPath: "",
  mapping: {
    "fiche[raison]": "businessName",
    "fiche[courriel]": "email",
    "fiche[tel]": "phone",
    "fiche[site]": "website",
    "fiche[adresse]": "address",
    "fiche[cp]": "zip",
    "fiche[ville]": "city",
    "fiche[region]": "state",
    "fiche[presentation]": "description",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          lang: "fr",
          title: "Annuaire des Pros — trouvez un professionnel près de chez vous",
          css: frCss,
          body: `<section class="hero"><h1>Trouvez un pro près de chez vous</h1>
<form action="recherche" role="search"><input name="quoi" placeholder="Quoi ? (plombier, avocat…)"><input name="ou" placeholder="Où ?"><button>Rechercher</button></form>
<p>Vous êtes un professionnel ?</p><a class="cta" href="inscription/entreprise">Ajouter mon entreprise</a></section>
<div class="boite"><h2>Les catégories populaires</h2><p><a href="#">Plombiers</a> · <a href="#">Électriciens</a> · <a href="#">Restaurants</a> · <a href="#">Avocats</a></p></div>
${frFooter}`,
        }),
    },
    {
      method: "GET",
      path: "inscription/entreprise",
      handle: () =>
        page({
          lang: "fr",
          title: "Ajouter mon entreprise — Annuaire des Pros",
          css: frCss,
          body: `${frForm({}, {})}${frFooter}`,
        }),
    },
    {
      method: "POST",
      path: "inscription/entreprise",
      handle: (ctx) => {
        const errors: Record<string, string> = {};
        for (const name of ["raison", "courriel", "tel", "cp", "ville"]) {
          if (!ctx.fields[`fiche[${name}]`]?.trim()) errors[name] = "Cette valeur ne doit pas être vide.";
        }
        if (!errors.courriel && !looksLikeEmail(ctx.fields["fiche[courriel]"]))
          errors.courriel = "Cette valeur n'est pas une adresse e-mail valide.";
        ctx.record(ctx.fields, Object.keys(errors).length === 0);
        if (Object.keys(errors).length)
          return page({
            lang: "fr",
            title: "Ajouter mon entreprise",
            css: frCss,
            body: frForm(ctx.fields, errors),
          });
        return page({
          lang: "fr",
          title: "Fiche publiée — Annuaire des Pros",
          css: frCss,
          body: `<div class="boite"><h1>Félicitations !</h1><p>Votre fiche a été publiée. Elle sera visible dans les résultats de recherche d'ici quelques minutes.</p></div>${frFooter}`,
        });
      },
    },
  ],
};

// ── 3. German: aria-label only, behind a consent banner that covers the page ──────────────────────

const deCss = `body{font-family:"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f4f4;color:#222}
header{background:#ffd400;padding:14px 28px;font-weight:700;font-size:20px}main{max-width:640px;margin:24px auto;background:#fff;padding:24px}
.reihe{display:flex;gap:10px}.reihe input{flex:1}main input,main textarea{display:block;width:100%;box-sizing:border-box;padding:9px;margin:0 0 12px;border:1px solid #bbb}
main button{background:#222;color:#ffd400;border:0;padding:11px 24px;font-weight:700}.hinweis{font-size:12px;color:#666}
#cmp-overlay{position:fixed;inset:0;background:#0008;display:flex;align-items:flex-end;justify-content:center;z-index:99}
#cmp{background:#fff;max-width:720px;padding:22px;margin-bottom:24px;border-radius:6px}#cmp .knoepfe{display:flex;gap:8px;margin-top:12px}
#cmp button{padding:10px 16px;border:1px solid #222;background:#fff}#cmp button.primaer{background:#222;color:#fff}`;

const consentBanner = `<div id="cmp-overlay"><div id="cmp" role="dialog" aria-modal="true" aria-labelledby="cmp-titel">
<h2 id="cmp-titel">Wir respektieren Ihre Privatsphäre</h2>
<p>Wir verwenden Cookies und ähnliche Technologien, um unsere Website zu betreiben, Inhalte zu personalisieren und die Nutzung zu analysieren. Mit „Alle akzeptieren“ willigen Sie in die Verarbeitung gemäß unserer <a href="#">Datenschutzerklärung</a> ein.</p>
<div class="knoepfe"><button type="button" data-wahl="einstellungen">Einstellungen</button><button type="button" data-wahl="notwendig">Nur notwendige</button><button type="button" class="primaer" data-wahl="alle">Alle akzeptieren</button></div>
</div></div>
<script>
if (document.cookie.includes("cmp=")) document.getElementById("cmp-overlay").remove();
for (const b of document.querySelectorAll("#cmp button")) b.addEventListener("click", () => {
  if (b.dataset.wahl === "einstellungen") return;
  document.cookie = "cmp=" + b.dataset.wahl + "; path=/";
  document.getElementById("cmp-overlay").remove();
});
</script>`;

export const deAriaLabels: SiteDefinition = {
  slug: "de-firmeneintrag",
  name: "Firmenverzeichnis Regional",
  category: "general",
  domainAuthority: 98,
  language: "de",
  patterns: ["aria-label only", "consent banner"],
  expected: { status: "submitted" },
  submissionPath: "eintrag/neu",
  mapping: {
    firma: "businessName",
    strasse: "address",
    plz: "zip",
    ort: "city",
    bundesland: "state",
    telefon: "phone",
    email: "email",
    webseite: "website",
    branche: "category",
    beschreibung: "description",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          lang: "de",
          title: "Firmenverzeichnis Regional",
          css: deCss,
          body: `<header>Firmenverzeichnis Regional</header><main><p>Über 120.000 Betriebe aus Ihrer Region.</p><a href="eintrag/neu">Firma kostenlos eintragen</a></main>${consentBanner}`,
        }),
    },
    {
      method: "GET",
      path: "eintrag/neu",
      handle: () =>
        page({
          lang: "de",
          title: "Neuer Firmeneintrag — Firmenverzeichnis Regional",
          css: deCss,
          body: `<header>Firmenverzeichnis Regional</header>
<main><h1>Neuer Firmeneintrag</h1><p class="hinweis">Pflichtfelder sind mit * gekennzeichnet.</p>
<form method="post" action="neu">
<input name="firma" aria-label="Firmenname *" required>
<input name="branche" aria-label="Branche">
<input name="strasse" aria-label="Straße und Hausnummer *" required>
<div class="reihe"><input name="plz" aria-label="PLZ *" inputmode="numeric" required><input name="ort" aria-label="Ort *" required></div>
<input name="bundesland" aria-label="Bundesland">
<input name="telefon" type="tel" aria-label="Telefon">
<input name="email" type="email" aria-label="E-Mail *" required>
<input name="webseite" type="url" aria-label="Webseite">
<textarea name="beschreibung" rows="4" aria-label="Beschreibung Ihres Unternehmens"></textarea>
<p class="hinweis">Mit dem Absenden akzeptieren Sie unsere <a href="#">AGB</a>.</p>
<button type="submit">Eintrag speichern</button>
</form></main>${consentBanner}`,
        }),
    },
    {
      method: "POST",
      path: "eintrag/neu",
      handle: (ctx) => {
        const problems = missing(ctx.fields, {
          firma: "Firmenname",
          strasse: "Straße und Hausnummer",
          plz: "PLZ",
          ort: "Ort",
          email: "E-Mail",
        });
        ctx.record(ctx.fields, problems.length === 0);
        if (problems.length)
          return {
            status: 422,
            body: page({
              lang: "de",
              title: "Eingabe prüfen",
              css: deCss,
              body: `<header>Firmenverzeichnis Regional</header><main><h1>Bitte prüfen Sie Ihre Eingaben</h1><ul>${problems
                .map((p) => `<li role="alert">${escapeHtml(p)} ist ein Pflichtfeld.</li>`)
                .join("")}</ul></main>`,
            }),
          };
        return page({
          lang: "de",
          title: "Eintrag übermittelt",
          css: deCss,
          body: `<header>Firmenverzeichnis Regional</header><main><h1>Vielen Dank! Ihr Eintrag wurde übermittelt</h1><p>Nach der redaktionellen Prüfung wird er in der Regel innerhalb von zwei Werktagen freigeschaltet.</p></main>`,
        });
      },
    },
  ],
};

// ── 4. Portuguese: label for=, a required category select in Portuguese, trackers that never load ──

const ptCss = `body{font-family:"Open Sans",Arial,sans-serif;background:#f0f7f4;margin:0}
.topo{background:#00704a;color:#fff;padding:16px 32px}.caixa{max-width:600px;margin:28px auto;background:#fff;padding:26px;border-top:4px solid #fbbf24}
.campo{margin-bottom:14px}.campo label{display:block;font-size:14px;margin-bottom:4px;color:#334}
.campo input,.campo select,.campo textarea{width:100%;padding:9px;border:1px solid #b7c9c0;border-radius:3px;box-sizing:border-box}
.erro{color:#c00;font-size:13px}button{background:#00704a;color:#fff;border:0;padding:12px 28px;border-radius:3px}`;

const ptCategories: Array<[string, string]> = [
  ["advocacia", "Advocacia"],
  ["alimentacao", "Alimentação e Restaurantes"],
  ["automoveis", "Automóveis e Oficinas"],
  ["beleza", "Beleza e Estética"],
  ["construcao", "Construção e Reformas"],
  ["contabilidade", "Contabilidade"],
  ["educacao", "Educação"],
  ["saude", "Saúde"],
  ["outros", "Outros serviços"],
];

/** An analytics pixel and a chat widget whose server never finishes answering: the page never "loads". */
const ptTrackers = `<img src="px/collect.gif?ev=pageview" width="1" height="1" alt="" style="position:absolute">
<script async src="js/atendimento-online.js"></script>`;

function ptForm(values: Record<string, string>, errors: Record<string, string>): string {
  const v = (name: string) => escapeHtml(values[name] ?? "");
  const erro = (name: string) =>
    errors[name] ? `<span class="erro">${escapeHtml(errors[name])}</span>` : "";
  const campo = (id: string, label: string, type = "text") =>
    `<div class="campo"><label for="${id}">${label}</label><input type="${type}" id="${id}" name="${id}" value="${v(id)}">${erro(id)}</div>`;
  return `<div class="topo"><b>Catálogo Empresarial Brasil</b></div><div class="caixa">
<h1>Cadastre sua empresa</h1><p>O cadastro básico é gratuito.</p>
<form method="post" action="cadastro">
${campo("nome_empresa", "Nome da empresa *")}
<div class="campo"><label for="categoria">Categoria *</label><select id="categoria" name="categoria"><option value="">Selecione...</option>${ptCategories
    .map(
      ([value, text]) =>
        `<option value="${value}"${values.categoria === value ? " selected" : ""}>${text}</option>`,
    )
    .join("")}</select>${erro("categoria")}</div>
${campo("email", "E-mail *", "email")}
${campo("telefone", "Telefone / WhatsApp *", "tel")}
${campo("site", "Site")}
${campo("endereco", "Endereço")}
${campo("cidade", "Cidade *")}
${campo("estado", "Estado")}
${campo("cep", "CEP")}
<div class="campo"><label for="descricao">Descrição</label><textarea id="descricao" name="descricao" rows="4">${v("descricao")}</textarea></div>
<button type="submit">Cadastrar empresa</button>
</form></div>${ptTrackers}`;
}

export const ptLabelFor: SiteDefinition = {
  slug: "pt-cadastro",
  name: "Catálogo Empresarial Brasil",
  category: "general",
  domainAuthority: 97,
  language: "pt",
  patterns: [
    "label for=",
    "category select in Portuguese",
    "pixel and chat script that never finish loading",
  ],
  expected: { status: "submitted" },
  submissionPath: "cadastro",
  mapping: {
    nome_empresa: "businessName",
    email: "email",
    telefone: "phone",
    site: "website",
    endereco: "address",
    cidade: "city",
    estado: "state",
    cep: "zip",
    descricao: "description",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          lang: "pt-BR",
          title: "Catálogo Empresarial Brasil",
          css: ptCss,
          body: `<div class="topo"><b>Catálogo Empresarial Brasil</b></div><div class="caixa"><a href="cadastro">Cadastre sua empresa grátis</a></div>`,
        }),
    },
    {
      method: "GET",
      path: "cadastro",
      handle: () =>
        page({
          lang: "pt-BR",
          title: "Cadastre sua empresa — Catálogo Empresarial Brasil",
          css: ptCss,
          body: ptForm({}, {}),
        }),
    },
    {
      method: "POST",
      path: "cadastro",
      handle: (ctx) => {
        const errors: Record<string, string> = {};
        for (const [name, label] of [
          ["nome_empresa", "Nome da empresa"],
          ["email", "E-mail"],
          ["telefone", "Telefone"],
          ["cidade", "Cidade"],
        ] as const) {
          if (!ctx.fields[name]?.trim()) errors[name] = `${label} é obrigatório.`;
        }
        if (!ptCategories.some(([value]) => value === ctx.fields.categoria))
          errors.categoria = "Selecione uma categoria.";
        ctx.record(ctx.fields, Object.keys(errors).length === 0);
        if (Object.keys(errors).length)
          return page({
            lang: "pt-BR",
            title: "Cadastre sua empresa",
            css: ptCss,
            body: ptForm(ctx.fields, errors),
          });
        return page({
          lang: "pt-BR",
          title: "Cadastro concluído",
          css: ptCss,
          body: `<div class="topo"><b>Catálogo Empresarial Brasil</b></div><div class="caixa"><h1>Empresa cadastrada com sucesso</h1><p>Seu anúncio passará por uma análise e ficará visível em até 24 horas.</p></div>${ptTrackers}`,
        });
      },
    },
    {
      method: "GET",
      path: "px/collect.gif",
      handle: () => ({ contentType: "image/gif", body: "GIF89a", hold: true }),
    },
    {
      method: "GET",
      path: "js/atendimento-online.js",
      handle: () => ({ contentType: "text/javascript", body: "/* atendimento */\n", hold: true }),
    },
  ],
};

// ── 5. Italian: fieldsets whose legend says which "Nome" is which ─────────────────────────────────

const itCss = `body{font-family:"Titillium Web",Arial,sans-serif;background:#fff;margin:0;color:#17324d}
.testata{background:#0066cc;color:#fff;padding:18px 36px}.contenuto{max-width:700px;margin:20px auto}
fieldset{border:1px solid #cdd;border-radius:4px;margin:0 0 18px;padding:12px 18px}legend{font-weight:700;padding:0 6px;color:#0066cc}
.riga{display:grid;grid-template-columns:160px 1fr;align-items:center;margin:6px 0}.riga input,.riga textarea{padding:7px;border:1px solid #99a}
.errore{background:#fee;border-left:4px solid #c00;padding:10px}button{background:#0066cc;color:#fff;border:0;padding:10px 30px;font-size:16px}`;

let itCode = 2231;

function itForm(values: Record<string, string>, problems: string[]): string {
  const riga = (name: string, label: string, type = "text") =>
    `<div class="riga"><label for="${name}">${label}</label><input type="${type}" id="${name}" name="${name}" value="${escapeHtml(values[name] ?? "")}"></div>`;
  return `<div class="testata"><b>Elenco Imprese Italia</b></div><div class="contenuto">
<h1>Inserisci la tua attività</h1>${
    problems.length
      ? `<div class="errore" role="alert">Attenzione: ${problems.map((p) => escapeHtml(p)).join(" ")}</div>`
      : ""
  }
<form method="post" action="inserisci">
<fieldset><legend>Dati dell'attività</legend>
${riga("att_nome", "Nome *")}
${riga("att_settore", "Settore")}
<div class="riga"><label for="att_descr">Descrizione</label><textarea id="att_descr" name="att_descr" rows="3">${escapeHtml(values.att_descr ?? "")}</textarea></div>
</fieldset>
<fieldset><legend>Sede</legend>
${riga("sede_via", "Indirizzo *")}
${riga("sede_citta", "Città *")}
${riga("sede_prov", "Provincia")}
${riga("sede_cap", "CAP")}
</fieldset>
<fieldset><legend>Contatti</legend>
${riga("con_tel", "Telefono *", "tel")}
${riga("con_email", "Email *", "email")}
${riga("con_web", "Sito web", "url")}
</fieldset>
<fieldset><legend>Referente (facoltativo)</legend>
${riga("ref_nome", "Nome")}
${riga("ref_cognome", "Cognome")}
</fieldset>
<p><label><input type="checkbox" name="privacy" value="si"> Ho letto l'<a href="#">informativa sulla privacy</a> e acconsento al trattamento dei dati *</label></p>
<p><label><input type="checkbox" name="offerte" value="si"> Desidero ricevere offerte e comunicazioni commerciali</label></p>
<button type="submit">Invia</button>
</form></div>`;
}

export const itFieldsets: SiteDefinition = {
  slug: "it-elenco-imprese",
  name: "Elenco Imprese Italia",
  category: "general",
  domainAuthority: 96,
  language: "it",
  patterns: ["fieldset legends", "two 'Nome' fields"],
  expected: { status: "submitted" },
  submissionPath: "inserisci",
  mapping: {
    att_nome: "businessName",
    att_settore: "category",
    att_descr: "description",
    sede_via: "address",
    sede_citta: "city",
    sede_prov: "state",
    sede_cap: "zip",
    con_tel: "phone",
    con_email: "email",
    con_web: "website",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          lang: "it",
          title: "Elenco Imprese Italia",
          css: itCss,
          body: `<div class="testata"><b>Elenco Imprese Italia</b></div><div class="contenuto"><a href="inserisci">Inserisci la tua attività</a></div>`,
        }),
    },
    {
      method: "GET",
      path: "inserisci",
      handle: () =>
        page({
          lang: "it",
          title: "Inserisci la tua attività — Elenco Imprese Italia",
          css: itCss,
          body: itForm({}, []),
        }),
    },
    {
      method: "POST",
      path: "inserisci",
      handle: (ctx) => {
        const problems = missing(ctx.fields, {
          att_nome: "Il nome dell'attività è obbligatorio.",
          sede_via: "L'indirizzo è obbligatorio.",
          sede_citta: "La città è obbligatoria.",
          con_tel: "Il telefono è obbligatorio.",
          con_email: "L'email è obbligatoria.",
          privacy: "È necessario accettare l'informativa sulla privacy.",
        });
        ctx.record(ctx.fields, problems.length === 0);
        if (problems.length)
          return page({
            lang: "it",
            title: "Inserisci la tua attività",
            css: itCss,
            body: itForm(ctx.fields, problems),
          });
        itCode += 1;
        return page({
          lang: "it",
          title: "Elenco Imprese Italia",
          css: itCss,
          body: `<div class="testata"><b>Elenco Imprese Italia</b></div><div class="contenuto"><h2>Attività inserita. Codice ${itCode - 1}</h2><p>Conserva il codice per modificare la scheda in futuro.</p></div>`,
        });
      },
    },
  ],
};

// ── 6. Spanish: the directory already has this business ───────────────────────────────────────────

const esDupCss = `body{font-family:Lato,Arial,sans-serif;background:#fffbea;margin:0}.barra{background:#f5c400;padding:12px 30px;font-weight:900}
.panel{max-width:540px;margin:30px auto;background:#fff;border:1px solid #eadb9c;padding:24px}
.panel label{display:block;margin:10px 0 2px;font-size:14px}.panel input,.panel textarea{width:100%;padding:8px;box-sizing:border-box}
.alert{padding:12px;border-radius:4px;margin-bottom:14px}.alert-warning{background:#fff3cd;border:1px solid #ffe08a;color:#7a5b00}
button{background:#222;color:#f5c400;border:0;padding:10px 22px;font-weight:700}`;

function esDupForm(values: Record<string, string>, alert: string): string {
  const v = (n: string) => escapeHtml(values[n] ?? "");
  return `<div class="barra">Páginas Locales</div><div class="panel"><h1>Publica tu negocio</h1>${alert}
<form method="post" action="publicar">
<label>Nombre comercial <input name="nombre" value="${v("nombre")}"></label>
<label>Teléfono <input name="tel" type="tel" value="${v("tel")}"></label>
<label>Email <input name="email" type="email" value="${v("email")}"></label>
<label>Sitio web <input name="web" value="${v("web")}"></label>
<label>Ciudad <input name="ciudad" value="${v("ciudad")}"></label>
<label>Describe tu negocio <textarea name="desc" rows="3">${v("desc")}</textarea></label>
<p><button type="submit">Publicar</button></p>
</form></div>`;
}

export const esDuplicate: SiteDefinition = {
  slug: "es-empresa-registrada",
  name: "Páginas Locales",
  category: "general",
  domainAuthority: 95,
  language: "es",
  patterns: ["duplicate listing"],
  expected: { status: "failed", reason: "duplicate_listing" },
  submissionPath: "publicar",
  mapping: {
    nombre: "businessName",
    tel: "phone",
    email: "email",
    web: "website",
    ciudad: "city",
    desc: "description",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          lang: "es",
          title: "Páginas Locales",
          css: esDupCss,
          body: `<div class="barra">Páginas Locales</div><div class="panel"><a href="publicar">Publica tu negocio gratis</a></div>`,
        }),
    },
    {
      method: "GET",
      path: "publicar",
      handle: () =>
        page({
          lang: "es",
          title: "Publica tu negocio — Páginas Locales",
          css: esDupCss,
          body: esDupForm({}, ""),
        }),
    },
    {
      method: "POST",
      path: "publicar",
      handle: (ctx) => {
        const problems = missing(ctx.fields, { nombre: "el nombre comercial", tel: "el teléfono" });
        // Every business that reaches this check is already in the directory (found by its phone).
        ctx.record(ctx.fields, false);
        const alert = problems.length
          ? `<div class="alert alert-warning" role="alert">Falta ${problems.join(" y ")}.</div>`
          : `<div class="alert alert-warning" role="alert"><b>Esta empresa ya está registrada.</b> Si es el propietario, puede <a href="reclamar">reclamar la ficha</a> para gestionarla.</div>`;
        return page({
          lang: "es",
          title: "Publica tu negocio — Páginas Locales",
          css: esDupCss,
          body: esDupForm(ctx.fields, alert),
        });
      },
    },
  ],
};

// ── 7. German: the listing waits for the e-mail address to be confirmed ──────────────────────────

const deMailCss = `body{font-family:Arial,sans-serif;margin:0;background:#eef3f8}.kopf{background:#003d7a;color:#fff;padding:14px 30px}
.inhalt{max-width:600px;margin:24px auto;background:#fff;padding:24px}.feld{margin:10px 0}.feld label{display:block;font-weight:600}
.feld input{width:100%;padding:8px;box-sizing:border-box}.info{background:#e6f0fa;border:1px solid #9bc;padding:16px}`;

export const deEmailVerify: SiteDefinition = {
  slug: "de-email-bestaetigen",
  name: "Branchenportal Süd",
  category: "general",
  domainAuthority: 94,
  language: "de",
  patterns: ["e-mail verification"],
  requiresEmailVerification: true,
  expected: { status: "failed", reason: "email_verification" },
  submissionPath: "registrieren",
  mapping: { firmenname: "businessName", email: "email", telefon: "phone", plz: "zip", ort: "city" },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          lang: "de",
          title: "Branchenportal Süd",
          css: deMailCss,
          body: `<div class="kopf">Branchenportal Süd</div><div class="inhalt"><a href="registrieren">Unternehmen eintragen</a></div>`,
        }),
    },
    {
      method: "GET",
      path: "registrieren",
      handle: () =>
        page({
          lang: "de",
          title: "Unternehmen eintragen — Branchenportal Süd",
          css: deMailCss,
          body: `<div class="kopf">Branchenportal Süd</div><div class="inhalt"><h1>Unternehmen eintragen</h1>
<form method="post" action="registrieren">
<div class="feld"><label for="f1">Name des Unternehmens</label><input id="f1" name="firmenname"></div>
<div class="feld"><label for="f2">E-Mail-Adresse</label><input id="f2" name="email" type="email"></div>
<div class="feld"><label for="f3">Telefonnummer</label><input id="f3" name="telefon"></div>
<div class="feld"><label for="f4">Postleitzahl</label><input id="f4" name="plz"></div>
<div class="feld"><label for="f5">Ort</label><input id="f5" name="ort"></div>
<button type="submit">Weiter zur Bestätigung</button>
</form></div>`,
        }),
    },
    {
      method: "POST",
      path: "registrieren",
      handle: (ctx) => {
        ctx.record(ctx.fields, Boolean(ctx.fields.firmenname && ctx.fields.email));
        return page({
          lang: "de",
          title: "Fast geschafft — Branchenportal Süd",
          css: deMailCss,
          body: `<div class="kopf">Branchenportal Süd</div><div class="inhalt"><div class="info"><h2>Fast geschafft!</h2>
<p>Bitte bestätigen Sie Ihre E-Mail-Adresse. Wir haben eine Nachricht an <b>${escapeHtml(ctx.fields.email ?? "")}</b> geschickt. Erst nachdem Sie auf den Link darin geklickt haben, wird Ihr Eintrag veröffentlicht.</p>
<p>Keine Nachricht erhalten? Sehen Sie auch im Spam-Ordner nach.</p></div></div>`,
        });
      },
    },
  ],
};

// ── 8. French: adding a business needs an account ─────────────────────────────────────────────────

const frLoginCss = `body{font-family:Georgia,serif;background:#f7f3ee;margin:0}.bandeau{background:#7a1f2b;color:#fff;padding:14px 30px}
.connexion{max-width:380px;margin:40px auto;background:#fff;padding:26px;border:1px solid #e0d6cc}
.connexion input{width:100%;padding:9px;margin:4px 0 12px;box-sizing:border-box}.connexion button{width:100%;padding:10px;background:#7a1f2b;color:#fff;border:0}`;

function frSignIn(ctx: RequestContext, error = ""): string {
  return page({
    lang: "fr",
    title: "Connexion — Pages Pro Locales",
    css: frLoginCss,
    body: `<div class="bandeau">Pages Pro Locales</div><div class="connexion">
<h1>Connectez-vous pour ajouter votre entreprise</h1>${error}
<form method="post" action="${ctx.base}connexion">
<label for="identifiant">Adresse e-mail</label><input id="identifiant" name="identifiant" type="email">
<label for="mdp">Mot de passe</label><input id="mdp" name="mdp" type="password">
<button type="submit">Se connecter</button>
</form>
<p><a href="#">Mot de passe oublié ?</a></p><p>Pas encore de compte ? <a href="#">Créer un compte professionnel</a></p></div>`,
  });
}

export const frLogin: SiteDefinition = {
  slug: "fr-espace-pro",
  name: "Pages Pro Locales",
  category: "general",
  domainAuthority: 93,
  language: "fr",
  patterns: ["login wall"],
  requiresLogin: true,
  expected: { status: "failed", reason: "login_required" },
  submissionPath: "espace-pro/nouvelle-fiche",
  mapping: {},
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          lang: "fr",
          title: "Pages Pro Locales",
          css: frLoginCss,
          body: `<div class="bandeau">Pages Pro Locales</div><p><a href="espace-pro/nouvelle-fiche">Ajoutez votre entreprise</a></p>`,
        }),
    },
    { method: "GET", path: "espace-pro/nouvelle-fiche", handle: (ctx) => frSignIn(ctx) },
    {
      method: "POST",
      path: "connexion",
      handle: (ctx) => {
        ctx.record({ identifiant: ctx.fields.identifiant ?? "" }, false);
        return {
          status: 401,
          body: frSignIn(ctx, `<p role="alert">Identifiant ou mot de passe incorrect.</p>`),
        };
      },
    },
  ],
};

// ── 9. Italian: a reCAPTCHA guards the post ───────────────────────────────────────────────────────

const itCaptchaCss = `body{font-family:Verdana,sans-serif;background:#f5f5f5;margin:0}.top{background:#009246;color:#fff;padding:12px 28px}
.modulo{max-width:560px;margin:24px auto;background:#fff;padding:22px;border-bottom:4px solid #ce2b37}
.modulo p label{display:inline-block;width:150px}.modulo input{width:300px;padding:6px}
.g-recaptcha{margin:14px 0}.rc-box{width:300px;border:1px solid #d3d3d3;background:#f9f9f9;border-radius:3px;padding:18px 12px;display:flex;align-items:center;gap:10px;font:14px Roboto,sans-serif}
.rc-check{width:24px;height:24px;border:2px solid #c1c1c1;border-radius:2px;background:#fff;cursor:pointer}.rc-logo{margin-left:auto;font-size:10px;color:#555;text-align:center}`;

export const itCaptcha: SiteDefinition = {
  slug: "it-recaptcha",
  name: "Imprese in Rete",
  category: "general",
  domainAuthority: 92,
  language: "it",
  patterns: ["captcha widget"],
  requiresCaptcha: true,
  expected: { status: "failed", reason: "captcha_required" },
  submissionPath: "segnala",
  mapping: { ragione_sociale: "businessName", email: "email", telefono: "phone", comune: "city" },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          lang: "it",
          title: "Imprese in Rete",
          css: itCaptchaCss,
          body: `<div class="top">Imprese in Rete</div><p><a href="segnala">Segnala la tua attività</a></p>`,
        }),
    },
    {
      method: "GET",
      path: "segnala",
      handle: () =>
        page({
          lang: "it",
          title: "Segnala la tua attività — Imprese in Rete",
          css: itCaptchaCss,
          body: `<div class="top">Imprese in Rete</div><div class="modulo"><h1>Segnala la tua attività</h1>
<form method="post" action="segnala" id="segnalazione">
<p><label for="rs">Ragione sociale</label><input id="rs" name="ragione_sociale"></p>
<p><label for="em">E-mail</label><input id="em" name="email" type="email"></p>
<p><label for="tl">Telefono</label><input id="tl" name="telefono"></p>
<p><label for="cm">Comune</label><input id="cm" name="comune"></p>
<div class="g-recaptcha" data-sitekey="6LeX-sandbox-it-0000000000000000" data-callback="abilita"></div>
<textarea name="g-recaptcha-response" style="display:none"></textarea>
<p><button type="submit" id="invia">Invia segnalazione</button></p>
</form></div>
<script>
// What the reCAPTCHA script draws in place of its container.
const box = document.querySelector(".g-recaptcha");
box.innerHTML = '<div class="rc-box"><div class="rc-check" role="checkbox" aria-checked="false" tabindex="0"></div><span>Non sono un robot</span><div class="rc-logo">reCAPTCHA<br>Privacy - Termini</div></div>';
</script>`,
        }),
    },
    {
      method: "POST",
      path: "segnala",
      handle: (ctx) => {
        ctx.record(ctx.fields, false);
        return {
          status: 400,
          body: page({
            lang: "it",
            title: "Errore",
            css: itCaptchaCss,
            body: `<div class="modulo"><p role="alert">Verifica reCAPTCHA non riuscita. Conferma di non essere un robot.</p></div>`,
          }),
        };
      },
    },
  ],
};

// ── 10. English: after the post, a code sent by SMS must be typed in ──────────────────────────────

const smsCss = `body{font-family:"Inter",system-ui,sans-serif;background:#0f172a;color:#e2e8f0;margin:0}
.shell{max-width:460px;margin:48px auto;background:#1e293b;padding:28px;border-radius:14px}
.shell label{display:block;font-size:13px;margin:12px 0 4px;color:#94a3b8}.shell input{width:100%;box-sizing:border-box;padding:10px;border-radius:8px;border:1px solid #334155;background:#0f172a;color:#fff}
.shell button{margin-top:16px;width:100%;padding:12px;border:0;border-radius:8px;background:#22c55e;color:#052e16;font-weight:700}
.otp{letter-spacing:.6em;text-align:center;font-size:22px}.muted{color:#94a3b8;font-size:13px}`;

export const smsVerify: SiteDefinition = {
  slug: "sms-verify-code",
  name: "LocalSpot",
  category: "general",
  domainAuthority: 91,
  patterns: ["SMS code after submit"],
  expected: { status: "failed", reason: "phone_verification" },
  submissionPath: "business/add",
  mapping: { business_name: "businessName", email: "email", mobile: "phone", city: "city", zip: "zip" },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "LocalSpot",
          css: smsCss,
          body: `<div class="shell"><h1>LocalSpot</h1><a href="business/add">Add your business</a></div>`,
        }),
    },
    {
      method: "GET",
      path: "business/add",
      handle: () =>
        page({
          title: "Add your business — LocalSpot",
          css: smsCss,
          body: `<div class="shell"><h1>Add your business</h1>
<form method="post" action="add">
<label for="bn">Business name</label><input id="bn" name="business_name" required>
<label for="em">Email</label><input id="em" name="email" type="email" required>
<label for="mo">Mobile number</label><input id="mo" name="mobile" type="tel" required>
<label for="ci">City</label><input id="ci" name="city">
<label for="zp">ZIP</label><input id="zp" name="zip">
<button type="submit">Continue</button>
</form></div>`,
        }),
    },
    {
      method: "POST",
      path: "business/add",
      handle: (ctx) => {
        const digits = (ctx.fields.mobile ?? "").replace(/\D/g, "");
        ctx.record(ctx.fields, true);
        return page({
          title: "Confirm it's you — LocalSpot",
          css: smsCss,
          body: `<div class="shell"><h1>Confirm it's you</h1>
<p>We sent a 6-digit code to your phone ending in ${escapeHtml(digits.slice(-2))}. Enter it below to finish adding ${escapeHtml(ctx.fields.business_name ?? "your business")}.</p>
<form method="post" action="verify"><label for="otp">Code</label><input id="otp" name="otp" class="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="6">
<button type="submit">Confirm</button></form>
<p class="muted">Didn't get it? <a href="#">Resend</a> · We'll email a receipt to ${escapeHtml(ctx.fields.email ?? "you")} once you're done.</p></div>`,
        });
      },
    },
    {
      method: "POST",
      path: "business/verify",
      handle: () => ({
        status: 422,
        body: page({
          title: "Wrong code — LocalSpot",
          css: smsCss,
          body: `<div class="shell"><p role="alert">That code is not valid.</p></div>`,
        }),
      }),
    },
  ],
};

export const nativeLanguageSites: readonly SiteDefinition[] = [
  esTableCells,
  frPlaceholders,
  deAriaLabels,
  ptLabelFor,
  itFieldsets,
  esDuplicate,
  deEmailVerify,
  frLogin,
  itCaptcha,
  smsVerify,
];
