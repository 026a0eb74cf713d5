import type { SiteDefinition } from "../types.ts";
import { formSite } from "./builder.ts";

/**
 * Directories in other languages: their own words for every label, button and answer, and their
 * own habits (a province for a state, a postcode box before the town).
 */

export const esTabla = formSite({
  slug: "es-tabla",
  name: "Guía Comercial Hispana",
  domainAuthority: 62,
  language: "es",
  patterns: ["Spanish", "labels in table cells", "meaningless field names"],
  css: `body{font-family:Tahoma,sans-serif;background:#fdf6e3}table{margin:1rem auto;background:#fff;border-collapse:collapse}td{padding:.4rem .8rem;border-bottom:1px solid #eee}`,
  submissionPath: "alta.php",
  home: `<h1>Guía Comercial Hispana</h1><p><a href="alta.php">Dar de alta mi negocio</a></p>`,
  form: `<h1 style="text-align:center">Alta de empresa</h1><form method=post action="alta.php"><table>
<tr><td>Nombre de la empresa *</td><td><input name=c1></td></tr>
<tr><td>Correo electrónico *</td><td><input name=c2></td></tr>
<tr><td>Teléfono</td><td><input name=c3></td></tr>
<tr><td>Página web</td><td><input name=c4></td></tr>
<tr><td>Dirección</td><td><input name=c5></td></tr>
<tr><td>Ciudad</td><td><input name=c6></td></tr>
<tr><td>Código postal</td><td><input name=c7></td></tr>
<tr><td>Descripción de la actividad</td><td><textarea name=c8 rows=3></textarea></td></tr>
<tr><td></td><td><input type=submit value="Enviar"></td></tr></table></form>`,
  mapping: {
    c1: "businessName",
    c2: "email",
    c3: "phone",
    c4: "website",
    c5: "address",
    c6: "city",
    c7: "zip",
    c8: "description",
  },
  required: { c1: "Nombre de la empresa", c2: "Correo electrónico" },
  thanks: "¡Gracias! Su negocio ha sido registrado.",
});

export const frPlaceholders = formSite({
  slug: "fr-annuaire",
  name: "Annuaire des Artisans",
  domainAuthority: 61,
  language: "fr",
  patterns: ["French", "placeholders only", "call to action on the home page"],
  css: `body{font-family:"Helvetica Neue",sans-serif;background:#eef2f7;margin:0}.carte{max-width:520px;margin:3rem auto;background:#fff;padding:2rem;border-radius:6px}input,textarea{display:block;width:100%;margin:.5rem 0;padding:.6rem;box-sizing:border-box}`,
  submissionPath: "inscription",
  home: `<div class=carte><h1>Annuaire des Artisans</h1><p>Trouvez un artisan près de chez vous.</p><a href="inscription" class=bouton>Ajouter mon entreprise</a> · <a href="connexion">Espace pro</a></div>`,
  form: `<div class=carte><h1>Inscrire votre entreprise</h1><form method=post action="inscription">
<input name=raison_sociale placeholder="Nom de l'entreprise *">
<input name=courriel placeholder="Adresse e-mail *">
<input name=tel placeholder="Numéro de téléphone">
<input name=site placeholder="Site internet">
<input name=adresse placeholder="Adresse">
<input name=cp placeholder="Code postal">
<input name=ville placeholder="Ville">
<textarea name=presentation placeholder="Présentez votre activité"></textarea>
<button type=submit>Valider l'inscription</button></form></div>`,
  mapping: {
    raison_sociale: "businessName",
    courriel: "email",
    tel: "phone",
    site: "website",
    adresse: "address",
    cp: "zip",
    ville: "city",
    presentation: "description",
  },
  required: { raison_sociale: "Nom de l'entreprise", courriel: "Adresse e-mail" },
  thanks: "Votre fiche a été publiée. Merci de votre confiance !",
  routes: [{ method: "GET", path: "connexion", handle: () => "<h1>Connexion</h1>" }],
});

export const deAria = formSite({
  slug: "de-branchenbuch",
  name: "Regionales Branchenbuch",
  domainAuthority: 59,
  language: "de",
  patterns: ["German", "aria-label only", "consent banner", "Bootstrap markup"],
  css: `body{font-family:Arial,sans-serif;background:#f4f4f4}.container{max-width:600px;margin:2rem auto;background:#fff;padding:2rem}.form-control{display:block;width:100%;margin:.4rem 0;padding:.5rem}
#cmp{position:fixed;left:0;right:0;bottom:0;top:0;background:#0007;z-index:50}#cmp .inner{position:absolute;bottom:0;background:#fff;padding:1.5rem;width:100%}`,
  submissionPath: "eintrag/neu",
  form: `<div class=container><h1>Firmeneintrag erstellen</h1><form method=post action="neu" class=needs-validation>
<input class=form-control name=firma aria-label="Firmenname">
<input class=form-control name=strasse aria-label="Straße und Hausnummer">
<input class=form-control name=plz aria-label="PLZ">
<input class=form-control name=ort aria-label="Ort">
<input class=form-control name=telefon aria-label="Telefonnummer">
<input class=form-control name=mail aria-label="E-Mail-Adresse">
<input class=form-control name=homepage aria-label="Webseite">
<textarea class=form-control name=beschreibung aria-label="Beschreibung Ihres Unternehmens"></textarea>
<button class="btn btn-primary">Eintrag speichern</button></form></div>
<div id=cmp role=dialog aria-label="Datenschutz-Einstellungen"><div class=inner><p>Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten.</p>
<button onclick="cmp.remove()">Alle akzeptieren</button> <button onclick="cmp.remove()">Nur notwendige</button></div></div>`,
  postPath: "eintrag/neu",
  mapping: {
    firma: "businessName",
    strasse: "address",
    plz: "zip",
    ort: "city",
    telefon: "phone",
    mail: "email",
    homepage: "website",
    beschreibung: "description",
  },
  required: { firma: "Firmenname", mail: "E-Mail-Adresse" },
  thanks: "Vielen Dank! Ihr Eintrag wurde übermittelt und wird nach Prüfung freigeschaltet.",
});

export const ptLabels = formSite({
  slug: "pt-guia",
  name: "Guia de Empresas Brasil",
  domainAuthority: 58,
  language: "pt",
  patterns: ["Portuguese", "category select with local names"],
  css: `body{font-family:Roboto,sans-serif;margin:2rem auto;max-width:580px}label{display:block;margin-top:.7rem}input,select,textarea{width:100%}`,
  submissionPath: "cadastrar",
  form: `<h1>Cadastre sua empresa grátis</h1><form method=post action="cadastrar">
<label for=nome>Nome da empresa</label><input id=nome name=nome_empresa>
<label for=cat>Categoria</label><select id=cat name=categoria><option value="">Selecione</option><option>Advogados</option><option>Dentistas</option><option>Eletricistas</option><option>Encanadores</option><option>Restaurantes</option></select>
<label for=tel>Telefone</label><input id=tel name=telefone>
<label for=em>E-mail</label><input id=em name=email>
<label for=end>Endereço</label><input id=end name=endereco>
<label for=cid>Cidade</label><input id=cid name=cidade>
<label for=uf>Estado</label><input id=uf name=estado>
<label for=cep>CEP</label><input id=cep name=cep>
<label for=desc>Descrição</label><textarea id=desc name=descricao></textarea>
<button>Cadastrar empresa</button></form>`,
  trap: (f) => (f.categoria !== "Encanadores" ? `categoria "${f.categoria ?? ""}"` : undefined),
  mapping: {
    nome_empresa: "businessName",
    telefone: "phone",
    email: "email",
    endereco: "address",
    cidade: "city",
    estado: "state",
    cep: "zip",
    descricao: "description",
  },
  required: { nome_empresa: "Nome da empresa", email: "E-mail", categoria: "Categoria" },
  thanks: "Empresa cadastrada com sucesso!",
});

export const itFieldsets = formSite({
  slug: "it-pagine",
  name: "Pagine Locali Italia",
  domainAuthority: 56,
  language: "it",
  patterns: ["Italian", "fieldset legends", "success with a code, no thanks"],
  css: `body{font-family:"Titillium Web",sans-serif;margin:2rem auto;max-width:620px}fieldset{margin-bottom:1rem}label{display:block}input,textarea{width:100%}`,
  submissionPath: "inserisci",
  form: `<h1>Inserisci la tua attività</h1><form method=post action="inserisci">
<fieldset><legend>Dati dell'attività</legend><label>Ragione sociale <input name=ragione></label><label>Descrizione <textarea name=descr></textarea></label></fieldset>
<fieldset><legend>Recapiti</legend><label>Telefono <input name=tel></label><label>Indirizzo email <input name=posta></label><label>Sito web <input name=web></label></fieldset>
<fieldset><legend>Sede</legend><label>Indirizzo <input name=via></label><label>CAP <input name=cap></label><label>Città <input name=citta></label></fieldset>
<label><input type=checkbox name=privacy value=1> Ho letto e accetto l'informativa sulla privacy</label>
<label><input type=checkbox name=promo value=1> Desidero ricevere comunicazioni commerciali</label>
<button>Invia</button></form>`,
  trap: (f) => (f.promo ? "opted in to promotions" : f.privacy !== "1" ? "privacy not accepted" : undefined),
  mapping: {
    ragione: "businessName",
    descr: "description",
    tel: "phone",
    posta: "email",
    web: "website",
    via: "address",
    cap: "zip",
    citta: "city",
  },
  required: { ragione: "Ragione sociale", posta: "Indirizzo email" },
  thanks: "Attività inserita. Codice 2231",
});

export const esDuplicate = formSite({
  slug: "es-duplicado",
  name: "Directorio Latino",
  domainAuthority: 55,
  language: "es",
  patterns: ["Spanish", "duplicate listing"],
  css: `body{font-family:sans-serif;margin:2rem auto;max-width:560px}label{display:block;margin-top:.5rem}input{width:100%}.aviso{background:#fee;border:1px solid #c00;padding:1rem}`,
  submissionPath: "registrar",
  form: `<h1>Registrar empresa</h1><form method=post action="registrar"><label>Nombre comercial<input name=nombre></label><label>Teléfono<input name=telefono></label>
<label>Email<input name=email></label><label>Ciudad<input name=ciudad></label><button>Registrar</button></form>`,
  expected: { status: "failed", reason: "duplicate_listing" },
  mapping: { nombre: "businessName", telefono: "phone", email: "email", ciudad: "city" },
  required: { nombre: "Nombre comercial" },
  thanks: "Registrado",
  answer: () => ({
    status: 409,
    body: `<!doctype html><html lang=es><body><h1>Registrar empresa</h1><div class=aviso role=alert>Esta empresa ya está registrada en nuestro directorio. Si es el propietario, puede reclamar la ficha existente.</div></body></html>`,
  }),
});

export const deEmailVerify = formSite({
  slug: "de-email-bestaetigung",
  name: "Firmenfinder",
  domainAuthority: 53,
  language: "de",
  patterns: ["German", "email confirmation after submit"],
  css: `body{font-family:Verdana,sans-serif;margin:2rem auto;max-width:560px}label{display:block}input{width:100%;margin-bottom:.5rem}`,
  submissionPath: "anmelden",
  form: `<h1>Unternehmen anmelden</h1><form method=post action="anmelden"><label>Name des Unternehmens<input name=name></label><label>E-Mail<input name=email></label>
<label>Telefon<input name=telefon></label><label>Postleitzahl<input name=plz></label><button>Absenden</button></form>`,
  requiresEmailVerification: true,
  expected: { status: "failed", reason: "email_verification" },
  mapping: { name: "businessName", email: "email", telefon: "phone", plz: "zip" },
  required: { name: "Name des Unternehmens", email: "E-Mail" },
  thanks: "",
  answer: () =>
    `<!doctype html><html lang=de><body><h1>Fast geschafft!</h1><p>Wir haben Ihnen eine E-Mail geschickt. Bitte bestätigen Sie Ihre E-Mail-Adresse über den Link in der Nachricht, damit Ihr Eintrag aktiviert wird.</p></body></html>`,
});

export const frLogin = formSite({
  slug: "fr-connexion",
  name: "Pros de France",
  domainAuthority: 52,
  language: "fr",
  patterns: ["French", "login wall"],
  css: `body{font-family:sans-serif;margin:2rem auto;max-width:420px}input{display:block;width:100%;margin:.4rem 0}`,
  submissionPath: "ajouter",
  form: `<h1>Connectez-vous pour ajouter votre entreprise</h1><form method=post action="session"><label>Adresse e-mail<input name=identifiant type=email></label>
<label>Mot de passe<input name=mdp type=password></label><button>Se connecter</button></form><p>Pas encore de compte ? <a href="compte">Créer un compte</a></p>`,
  postPath: "session",
  requiresLogin: true,
  expected: { status: "failed", reason: "login_required" },
  mapping: {},
  required: { identifiant: "Adresse e-mail", mdp: "Mot de passe" },
  thanks: "Bienvenue",
  routes: [{ method: "GET", path: "compte", handle: () => "<h1>Créer un compte</h1>" }],
});

export const itCaptcha = formSite({
  slug: "it-captcha",
  name: "Trova Imprese",
  domainAuthority: 50,
  language: "it",
  patterns: ["Italian", "captcha widget"],
  css: `body{font-family:sans-serif;margin:2rem auto;max-width:560px}label{display:block}input{width:100%}.g-recaptcha{width:304px;height:78px;border:1px solid #d3d3d3;background:#f9f9f9;margin:1rem 0}`,
  submissionPath: "segnala",
  form: `<h1>Segnala la tua impresa</h1><form method=post action="segnala"><label>Nome impresa<input name=impresa></label><label>Email<input name=email></label>
<label>Telefono<input name=telefono></label><div class="g-recaptcha" data-sitekey="6LcXXXXXXXXXXXXXXXXXXXX"><iframe title="reCAPTCHA" src="about:blank" width=304 height=78></iframe></div>
<textarea name="g-recaptcha-response" style="display:none"></textarea><button>Invia segnalazione</button></form>`,
  requiresCaptcha: true,
  expected: { status: "failed", reason: "captcha_required" },
  mapping: {},
  required: { "g-recaptcha-response": "Verifica captcha" },
  thanks: "Grazie",
});

const smsCss = `body{font-family:system-ui;margin:2rem auto;max-width:480px}label{display:block;margin-top:.5rem}input{width:100%}`;

export const smsCode = formSite({
  slug: "sms-code",
  name: "CallLocal",
  domainAuthority: 49,
  patterns: ["SMS code after submit (not email)"],
  css: smsCss,
  submissionPath: "add",
  form: `<h1>Add your business to CallLocal</h1><form method=post action="add"><label>Business name<input name=business></label><label>Mobile phone<input name=mobile type=tel></label>
<label>Email<input name=email type=email></label><button>Continue</button></form>`,
  expected: { status: "failed", reason: "phone_verification" },
  mapping: { business: "businessName", mobile: "phone", email: "email" },
  required: { business: "Business name", mobile: "Mobile phone" },
  thanks: "",
  answer: (ctx) =>
    `<!doctype html><html><body><h1>Verify your phone</h1><p>We sent a 6-digit code by text message to the number ending in ${(ctx.fields.mobile ?? "").replace(/\D/g, "").slice(-2)}. Enter it below to publish your listing.</p>
<form method=post action="verify"><label>Verification code<input name=code inputmode=numeric maxlength=6 autocomplete=one-time-code></label><button>Verify</button></form>
<p>Didn't get it? We can also send the code to your email.</p></body></html>`,
});

export const languageSites: readonly SiteDefinition[] = [
  esTabla,
  frPlaceholders,
  deAria,
  ptLabels,
  itFieldsets,
  esDuplicate,
  deEmailVerify,
  frLogin,
  itCaptcha,
  smsCode,
];
