/**
 * The words directory forms use, in English, Spanish, French, German, Portuguese and Italian.
 *
 * Every pattern is matched against normalised text (see `normalizeText`): lower case, accents
 * removed (ß as ss), camelCase and snake_case split into words, punctuation as spaces. So patterns
 * are written without accents: "telefono" matches "Teléfono", "strasse" matches "Straße".
 */

/** Lower case, no accents, words split on case changes, digits kept, everything else a space. */
export function normalizeText(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Accents removed (ß as ss), everything else kept: what outcome patterns are matched against. */
export function foldText(text: string): string {
  return text
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "");
}

/** A pattern and how strongly a match says "this is that field" (3 sure, 1 a hint). */
export type WeightedPattern = readonly [RegExp, number];

/**
 * What a control can ask for. The customer's own details, and the things forms ask that are
 * not the customer's (a contact person, a second address line, a fax): knowing those keeps a
 * "Contact name" from taking the business name and an "Address line 2" from taking the street.
 */
export const fieldClasses = [
  "businessName",
  "email",
  "phone",
  "website",
  "address",
  "city",
  "state",
  "zip",
  "description",
  "category",
  "country",
  "houseNumber",
  "address2",
  "contactName",
  "firstName",
  "lastName",
  "fax",
  "username",
  "social",
  "hours",
  "keywords",
  "price",
  "founded",
  "employees",
  "county",
  "captcha",
  "search",
  "coupon",
  "subject",
  "referral",
] as const;
export type FieldClass = (typeof fieldClasses)[number];

export const fieldPatterns: Record<FieldClass, readonly WeightedPattern[]> = {
  businessName: [
    [
      /\b(business|company|organi[sz]ation|firm|store|shop|practice|listing|venue|brand|biz|trading|legal|agency|establishment)( legal)? ?(name|title)\b/,
      3,
    ],
    [/\bname of (the |your )?(business|company|organi[sz]ation|listing|establishment|firm)\b/, 3],
    [/\b(bizname|companyname|businessname|orgname|firmname)\b/, 3],
    [/\b(dba|doing business as|trading as)\b/, 2.5],
    // es / pt / it
    [
      /\bnome? (de la |del |de |da |do |dell |della |dello |di )?(su |tu |sua |seu |vostra |tua )?(negocio|empresa|comercio|establecimiento|compania|companhia|negocio|azienda|attivita|impresa|societa|ditta|estabelecimento|local|marca)\b/,
      3,
    ],
    [
      /\b(razon social|nombre comercial|razao social|nome fantasia|nome comercial|ragione sociale|denominazione)\b/,
      3,
    ],
    // fr
    [
      /\bnom (de |du |de l |de la |d )?(votre |l |la |mon )?(entreprise|societe|commerce|etablissement|enseigne|structure|activite|organisme|cabinet|boutique)\b/,
      3,
    ],
    [/\b(raison sociale|nom commercial|denomination)\b/, 3],
    // de
    [
      /\b(firmenname|firmierung|unternehmensname|geschaftsname|betriebsname|name der firma|name des unternehmens|name ihres unternehmens|name des betriebs)\b/,
      3,
    ],
    [
      /\b(company|organi[sz]ation|business|org|empresa|negocio|entreprise|societe|firma|unternehmen|betrieb|azienda|attivita|impresa|estabelecimento|comercio)\b/,
      2,
    ],
    [/^(name|title|nombre|nom|nome|titel|titulo|titre|titolo)$/, 1.5],
    [/\b(name|title|nombre|titulo|titre|titel|titolo)\b/, 0.5],
  ],
  email: [
    [/\be ?mail\b|\bemail\b|\bcorreo\b|\bcourriel\b|\bmail adresse\b|\bposta elettronica\b/, 3],
    [/\bmail\b/, 2],
  ],
  phone: [
    [
      /\b(phone|telephone|tel|mobile|cell|phone number|contact number|telefono|movil|celular|telephone|portable|telefon|telefonnummer|rufnummer|handy|mobilnummer|telefone|telemovel|cellulare|numero di telefono|numero de telefono|numero de telephone|whats ?app)\b/,
      3,
    ],
    [/\b(ph|tel no|phone no|tlf|fon|tfno|telf)\b/, 2],
  ],
  website: [
    [
      /\b(website|web site|homepage|home page|web address|url|site url|sitio web|pagina web|site web|site internet|webseite|internetseite|internetadresse|webadresse|sito web|sito internet|site da empresa|endereco do site|www)\b/,
      3,
    ],
    [/\b(web|site|sitio|sito|pagina)\b/, 2],
  ],
  address: [
    [
      /\b(street( address)?|address line 1|address 1|address1|addr1|line 1|line1|street and number|strasse und hausnummer|strasse hausnummer|strasse nr|anschrift|direccion|domicilio|calle|adresse|rue|endereco|morada|logradouro|rua|indirizzo|via)\b/,
      3,
    ],
    [/\b(address|addr|strasse|street|adresse|indirizzo|direccion|endereco)\b/, 2],
    // A lone "Location" box is where directory plugins (HivePress, ListingPro) geocode the address.
    [/^(location|business location|ubicacion|emplacement|standort|localizacao|posizione)$/, 1.5],
  ],
  city: [
    [
      /\b(city|town|locality|suburb|municipality|ciudad|localidad|municipio|poblacion|ville|commune|localite|stadt|ort|wohnort|gemeinde|cidade|municipio|localidade|citta|comune|localita)\b/,
      3,
    ],
  ],
  state: [
    [
      /\b(state|province|region|provincia|estado|comunidad autonoma|etat|bundesland|provinz|regione|regiao|departamento|prefecture)\b/,
      3,
    ],
    [/\b(territory|kanton|canton)\b/, 2],
  ],
  zip: [
    [
      /\b(zip|postal|post code|postcode|zip code|zipcode|codigo postal|cod postal|code postal|postleitzahl|plz|cep|cap|codice postale|c p|cp)\b/,
      3,
    ],
  ],
  description: [
    [
      /\b(description|describe|about|summary|overview|bio|tell (us|customers)|descripcion|acerca de|sobre (la |su |nosotros|el negocio|a empresa)|presentation|a propos|beschreibung|kurzbeschreibung|uber (uns|ihr|das)|unternehmensbeschreibung|descricao|descrizione|chi siamo|presentazione|profile|profil)\b/,
      3,
    ],
    [
      /\b(details|services|servicios|dienstleistungen|servicos|servizi|prestations|leistungen|text|texto|texte|testo|message|mensaje|mensagem|messaggio|nachricht)\b/,
      1.5,
    ],
    // An open question about the business is asking for its description.
    [
      /\b(what makes (you|your|it|us)|why (should )?(customers|clients|people) (choose|pick|hire)|why choose|special about|stand out|what (do )?you (do|offer)|que (hace|ofrece)|pourquoi (vous )?choisir|was macht (sie|ihr|ihren)|o que (faz|oferece)|perche scegliere)\b/,
      2,
    ],
  ],
  category: [
    [
      /\b(category|categories|industry|business type|type of business|sector|niche|categoria|categorias|rubro|actividad|tipo de (negocio|empresa)|categorie|secteur|activite|rubrique|kategorie|kategorien|branche|rubrik|geschaftsbereich|ramo|setor|atividade|settore|tipologia|classification)\b/,
      3,
    ],
    [
      /\b(trade(?! name)|services offered|services provided|what do you do|line of business|profession|specialty|speciality)\b/,
      3,
    ],
    [/\b(type|tipo|art)\b/, 1],
  ],
  country: [[/\b(country|pais|pays|land|staat|paese|nazione|nation)\b/, 3]],
  houseNumber: [
    [
      /\b(house (number|no)|street (number|no)|building (number|no)|hausnummer|hausnr|numero|n[o]? de (casa|calle|porta)|civico|numero civico)\b/,
      3,
    ],
    [/^(nr|no|num|n)$/, 2],
  ],
  address2: [
    [
      /\b(address line 2|address 2|address2|addr2|line 2|line2|apt|apartment|suite|unit|floor|building|piso|apartamento|departamento|complemento|complement (d )?adresse|adresszusatz|zusatz|interno|scala|piano|bloco)\b/,
      3,
    ],
  ],
  contactName: [
    [
      /\b(your name|full name|contact (person|name)|owner( s)? name|person|representative|submitter|submitted by|nombre (completo|y apellidos|de contacto|del contacto)|su nombre|tu nombre|persona de contacto|votre nom|nom complet|nom et prenom|ihr name|vollstandiger name|ansprechpartner|kontaktperson|seu nome|nome completo|pessoa de contato|il tuo nome|nome e cognome|referente|contact)\b/,
      3,
    ],
  ],
  firstName: [
    [/\b(first name|given name|forename|fname|nombre de pila|prenom|vorname|primeiro nome)\b/, 3.5],
  ],
  lastName: [
    [
      /\b(last name|surname|family name|lname|apellidos?|nom de famille|nachname|familienname|sobrenome|apelido|cognome)\b/,
      3.5,
    ],
  ],
  fax: [[/\b(fax|telefax)\b/, 4]],
  username: [[/\b(user ?name|login|benutzername|usuario|utilisateur|nome utente|identifiant)\b/, 3]],
  social: [
    [
      /\b(facebook|twitter|instagram|linkedin|youtube|tiktok|pinterest|social|x com|yelp|google (business|maps))\b/,
      4,
    ],
  ],
  hours: [[/\b(hours|opening|horario|horaires|offnungszeiten|orario|horario de funcionamento)\b/, 3]],
  keywords: [
    [
      /\b(keywords?|tags?|palabras clave|mots cles|schlagworte|schlusselworter|stichworte|palavras chave|parole chiave)\b/,
      3,
    ],
  ],
  price: [[/\b(price|prices|pricing|budget|cost|precio|prix|preis|preco|prezzo|tarif)\b/, 2.5]],
  founded: [
    [
      /\b(year|date)? ?(founded|established|since|fundacion|fundado|creation|gegrundet|grundungsjahr|fundacao|fondazione|anno di)\b/,
      3,
    ],
  ],
  employees: [
    [/\b(employees|staff size|number of staff|empleados|employes|mitarbeiter|funcionarios|dipendenti)\b/, 3],
  ],
  county: [[/\b(county|condado|comte|landkreis|kreis|contea)\b/, 3]],
  captcha: [
    [
      /\b(captcha|security code|verification code|human|codigo de seguridad|code de securite|sicherheitscode)\b/,
      4,
    ],
  ],
  search: [
    [
      /\b(search|buscar|busqueda|rechercher|recherche|suche|suchen|pesquisar|busca|cerca|find|keyword search)\b/,
      3,
    ],
  ],
  coupon: [[/\b(coupon|promo|voucher|discount|gutschein|cupon|cupom|codice sconto)\b/, 3]],
  subject: [[/\b(subject|asunto|objet|betreff|assunto|oggetto)\b/, 3]],
  referral: [
    [
      /\b(how did you (hear|find)|referr(al|ed)|como nos conocio|comment avez vous connu|wie haben sie|come ci hai conosciuto|como conheceu)\b/,
      4,
    ],
  ],
};

/** The HTML autocomplete tokens that name a field outright. */
export const autocompleteClasses: Record<string, FieldClass> = {
  organization: "businessName",
  email: "email",
  tel: "phone",
  "tel-national": "phone",
  url: "website",
  "street-address": "address",
  "address-line1": "address",
  "address-line2": "address2",
  "address-line3": "address2",
  "address-level2": "city",
  "address-level1": "state",
  "postal-code": "zip",
  country: "country",
  "country-name": "country",
  name: "contactName",
  "given-name": "firstName",
  "family-name": "lastName",
  username: "username",
};

/**
 * Text telling people (and bots) to leave a box alone: the classic honeypot, in every language.
 * Read from the control's label, placeholder, aria text and its container.
 */
export const honeypotText =
  /\b(leave (this |it )?(field )?(empty|blank)|do not (fill|enter|change|touch)|don t (fill|enter)|if you are (a )?human|humans? (should|must) not|bots? only|spam ?(trap|protection)|honey ?pot|no rellen(ar|e)|dejar (en blanco|vacio)|laisser (ce champ )?vide|ne pas remplir|nicht ausfullen|leer lassen|non compilare|lasciare vuoto|deixe (em branco|vazio)|nao preencha)\b/;
/** Class or name fragments that mark a honeypot. */
export const honeypotMarker =
  /(^|[^a-z])(hp|honeypot|honey|hpot|bot ?trap|trap|ohnohoney|nospam|anti ?spam|gotcha)([^a-z]|$)/i;

export const consentText =
  /\b(agree|terms|consent|accept|privacy|policy|conditions|i confirm|certify|authori[sz]e|acepto|aceptar|terminos|condiciones|privacidad|consiento|j accepte|accepter|conditions generales|confidentialite|cgu|ich (akzeptiere|stimme)|einverstanden|agb|datenschutz|nutzungsbedingungen|zustimm|aceito|concordo|termos|privacidade|accetto|termini|condizioni|informativa|gdpr|dsgvo|rgpd|lgpd)\b/;
export const marketingText =
  /\b(newsletter|marketing|offers?|promotions?|promotional|subscribe|updates|partners?|special deals|news|boletin|ofertas|promociones|publicidad|suscrib|offres|promotions|lettre d information|abonner|angebote|werbung|aktionen|abonnieren|novidades|promocoes|assinar|offerte|promozioni|iscriv|pubblicita|comunicazioni commerciali)\b/;

/** A radio option to prefer: the free listing, the owner saying yes. */
export const freeOptionText =
  /\b(free|basic|standard|gratis|gratuit|gratuite|gratuito|gratuita|kostenlos|gratis|basico|basique|basis|base|no cost|sin costo|0 ?(\$|eur|usd))\b/;
/** A radio option to avoid: anything that costs the customer money. */
export const paidOptionText =
  /(\$|€|£|\b(usd|eur|premium|pro|featured|paid|gold|silver|platinum|plus|sponsored|destacado|pago|payant|kostenpflichtig|pagamento|a pagamento|per month|\/mo|per year|\/yr|mensual|mensuel|monatlich|mensal|mensile)\b)/;
export const yesText = /^(yes|si|oui|ja|sim|y)$/;
export const noText = /^(no|non|nein|nao|n)$/;
/** A question whose honest answer for an agency submitting on the owner's behalf is yes. */
export const ownerQuestion =
  /\b(owner|authori[sz]ed|representative|affiliated|propietario|autorizado|proprietaire|autorise|inhaber|berechtigt|proprietario|autorizzato|dono|responsavel)\b/;

/** The option text forms use for "nothing chosen yet". */
export const placeholderOption =
  /^\s*$|^(-+|\.+)|\b(select|choose|pick|please|none|seleccione|selecciona|elija|elige|choisissez|choisir|selectionnez|bitte (wahlen|auswahlen)|auswahlen|wahlen sie|selecione|escolha|seleziona|scegli)\b/;
export const otherOption =
  /^(other|others|otro|otros|otra|autre|autres|sonstige|sonstiges|andere|outro|outros|altro|altri|misc|miscellaneous|general)\b/;

/** Buttons that never submit a listing (a saved draft is not a listing either). */
export const ignoredButton =
  /^(save (as |a )?draft|save (for |(and |& )?(finish|continue) )later|save (and |& )?exit|guardar (como )?borrador|enregistrer (le |comme )?brouillon|(als )?entwurf speichern|salvar (como )?rascunho|salva (come )?bozza|back|previous|prev|cancel|reset|clear|search|go|sign in|log ?in|subscribe|close|preview|upload|browse|add (another|more|photo|image|hours)|remove|delete|zuruck|abbrechen|suchen|anmelden|volver|atras|cancelar|buscar|iniciar sesion|retour|precedent|annuler|rechercher|connexion|se connecter|s abonner|voltar|anterior|pesquisar|entrar|indietro|annulla|cerca|accedi|iscriviti|abonnieren|suscribirse|assinar)\b/;
/** Buttons that spend the customer's money: never pressed to get a listing through. */
export const paymentButton =
  /\b(pay|payment|checkout|check out|buy|purchase|upgrade|billing|pagar|pago|comprar|payer|paiement|acheter|bezahlen|zahlung|kaufen|upgraden|pagamento|acquista|paga|compra)\b|[$€£]/i;
export const nextButton =
  /^(next|continue|proceed|next step|save (and|&) continue|siguiente|continuar|suivant|continuer|etape suivante|weiter|fortfahren|nachster schritt|proximo|seguinte|avancar|avanti|continua|successivo)\b|[→»>]$/;
export const submitButton =
  /\b(submit|send|add (my |your |a |the )?(listing|business|company|entry|site)|create|save|register|publish|list (my|your) (business|company)|get listed|finish|complete|done|post|sign ?up|request|claim|apply|enviar|publicar|registrar|guardar|crear|agregar|anadir|dar de alta|envoyer|soumettre|valider|publier|enregistrer|inscrire|ajouter|terminer|absenden|senden|speichern|eintragen|veroffentlichen|abschicken|registrieren|erstellen|hinzufugen|cadastrar|salvar|concluir|finalizar|inviare|invia|pubblica|salva|registra|aggiungi|conferma|confirmar|confirmer|bestatigen)\b/;

/**
 * Calls to action that lead to the listing form: a link or button to follow when the page has
 * none yet ("Add your business" opening a modal, "Get listed" going to the form page).
 */
export const callToActionText =
  /\b(add (your |a |my |new )?(business|listing|company|site|place|entry|firm)|list (your|my) (business|company)|get listed|submit (a |your |my )?(business|listing|site|company)|create (a |your )?(listing|business (page|profile))|register (your|my) (business|company)|new listing|free listing|add listing|business sign ?up|anad(e|ir) (tu |su |mi )?(negocio|empresa)|agrega(r)? (tu |su |mi )?(negocio|empresa)|registra(r)? (tu |su |mi )?(negocio|empresa)|da de alta (tu |su )?(negocio|empresa)|alta de empresa|publica(r)? (tu |su )?(negocio|empresa|anuncio)|ajoute(r|z)? (votre |mon |une )?(entreprise|etablissement|fiche|activite|societe|commerce)|inscri(re|vez) (votre |mon )?(entreprise|etablissement|societe|commerce)|referencer (votre|mon) (entreprise|etablissement)|(firma|unternehmen|betrieb|eintrag) (kostenlos )?(eintragen|anmelden|hinzufugen|erstellen)|jetzt eintragen|kostenlos eintragen|neuen eintrag|adicion(e|ar) (sua |seu |minha |meu )?(empresa|negocio)|cadastr(e|ar) (sua |seu |minha |meu )?(empresa|negocio)|anuncie (sua |seu )?(empresa|negocio)|aggiungi (la tua |la |una )?(attivita|azienda|impresa|scheda)|inserisci (la tua |la )?(attivita|azienda)|registra (la tua )?(attivita|azienda)|segnala (la tua )?attivita)\b/;
/** A form's welcome screen (one question at a time follows): the way in when nothing says "add". */
export const startText =
  /^(start|start now|begin|let s (start|begin|go)|get started|comenzar|empezar|iniciar|commencer|demarrer|starten|jetzt starten|los geht s|comecar|iniziare|inizia|iniziamo)$/;
/** A CTA to an existing listing, which we never take when an "add" exists. */
export const claimText = /\b(claim|reclam|revendiquer|beanspruchen|reivindicar|rivendica)\b/;

/** Cookie and consent banners. */
export const consentBannerText =
  /\b(cookies?|consent|gdpr|privacy|tracking|galletas|consentimiento|privacidad|consentement|traceurs|confidentialite|einwilligung|datenschutz|zustimmung|consentimento|privacidade|consenso|riservatezza)\b/;
/** Banner buttons that decline (preferred: the agency accepts nothing it need not). */
export const consentDecline =
  /\b(reject( all)?|decline( all)?|deny|refuse|disagree|only (necessary|essential|required)|(necessary|essential|required) (cookies )?only|use necessary|continue without (accepting|agreeing)|rechazar( todo| todas)?|solo (las )?(necesarias|esenciales)|denegar|tout refuser|refuser|continuer sans accepter|uniquement (les )?(necessaires|essentiels)|alle ablehnen|ablehnen|nur (notwendige|erforderliche|essenzielle)|rifiuta( tutto)?|solo (necessari|essenziali)|rejeitar( todos)?|recusar|apenas (os )?(necessarios|essenciais))\b/;
export const consentAccept =
  /\b(accept( all| cookies)?|agree|allow( all)?|ok|okay|got it|i understand|understood|aceptar( todo| todas)?|acepto|entendido|accepter( tout)?|j accepte|d accord|akzeptieren|alle akzeptieren|zustimmen|einverstanden|verstanden|accetta( tutto)?|accetto|ho capito|aceitar( todos)?|aceito|concordo|entendi)\b/;
export const consentSettings =
  /\b(settings|preferences|manage|customi[sz]e|configur|einstellungen|parametr|preferenc|impostazioni|personali[sz]|gerenciar|gestionar)\b/;

/** Words a page uses to stop a bot; presence of a widget is checked separately. */
export const captchaText =
  /i ?['’]?m not a robot|not a robot|type the (characters|letters|code|text|word)|enter the (characters|code|text|letters) (you see|shown|above|below|in the image)|verify (that )?you are (a )?human|security check|prove you('| a)re human|no soy un robot|je ne suis pas un robot|ich bin kein roboter|nao sou um robo|non sono un robot|introduce los caracteres|saisissez les caracteres|geben sie die zeichen|digite os caracteres|inserisci i caratteri/i;

// Outcomes. Matched against text the submit added to the page folded by `foldText` (accents
// removed, case kept): punctuation such as "ID 1008" or "Error:" survives, and the patterns are
// written without accents like the field patterns above.

export const duplicateOutcome =
  /already (listed|exists?|registered|in (our|the) (directory|database|system|index)|on (our|the) (site|directory|platform)|been (submitted|listed|added|registered|claimed)|(have|has) (a |an )?(listing|profile|page|entry))|duplicate (listing|entry|submission|business|record)|listing (for this business )?already|is already (listed|registered|claimed)|(an? |the )?(existing|matching) (listing|business|entry|record|profile) (was |has been )?(found|exists)|(found|there is|there s) an? (existing|matching) (listing|business|entry|record|profile)|(ya|ya se) (existe|esta (registrad[oa]|listad[oa]|dad[oa] de alta|inscrit[oa]|en nuestro))|ya (ha sido|fue) (registrad|enviad|publicad)|ya se encuentra (registrad|en nuestro)|ya (existe|tiene|hay) (una |un )?(ficha|empresa|negocio|registro|anuncio|perfil|cuenta)|(ficha|empresa|negocio|registro|anuncio) (ya )?(existente|duplicad[oa])|existe ya|deja (inscrit|reference|enregistre|present|existant|une fiche|dans (notre|l) annuaire)|existe deja|figure deja|(une )?fiche (existe|existante|identique)|bereits (eingetragen|vorhanden|registriert|gelistet|erfasst|angelegt|in unserem)|(existiert|besteht) (bereits|schon)|schon (eingetragen|vorhanden|registriert|gelistet)|doppelte[rn]? eintrag|ja (existe|esta (cadastrad|registrad|listad))|ja foi (cadastrad|registrad)|ja (possui|tem) (um |uma )?(cadastro|anuncio|perfil)|ja se encontra (cadastrad|registrad)|ja consta|cadastro (ja )?(existente|duplicado)|gia (presente|registrat|inserit|esistente|censit|in elenco)|esiste gia|(scheda|attivita|azienda) (gia )?(esistente|duplicat)|\b(duplicad[oa]|doublon|dublette|duplicat[oa])\b/i;
export const rateLimitOutcome =
  /too many (requests|submissions|attempts|listings)|rate limit|(temporarily|temporalmente|temporairement|vorubergehend|temporariamente|temporaneamente) (blocked|banned|bloquead|bloque|gesperrt|bloccat)|slow down|try again in \d+|demasiadas (solicitudes|peticiones)|trop de (requetes|demandes|tentatives)|zu viele (anfragen|versuche)|muitas (solicitacoes|requisicoes|tentativas)|troppe (richieste|tentativi)/i;
export const phoneVerificationOutcome =
  /verify your (phone|mobile|number)|\b(sms|text message|texted)\b|code (we )?sent to your (phone|mobile)|call you (with|to) verify|(phone|mobile) verification|verification call|codigo (enviado )?(por|via|via) sms|por sms|te (hemos )?enviado un sms|verifica(r)? tu (telefono|movil|numero)|code (envoye )?par sms|verifiez votre (telephone|numero)|per sms|handynummer bestatigen|telefonnummer (bestatigen|verifizieren)|codigo (enviado )?por sms|verifique seu (telefone|celular)|codice (inviato )?(via|tramite) sms|verifica il tuo (telefono|numero)/i;
export const emailVerificationOutcome =
  /check your (e-?mail|inbox|mailbox)|verify your (e-?mail|listing|account|address)|confirm your (e-?mail|listing|account|submission|address)|confirmation (link|e-?mail|message)|(activation|verification|confirmation) (link|e-?mail)|we('ve| have)? (just )?sent (you )?an? (e-?mail|link|message to)|click the link (in|we sent)|sent to your (e-?mail|inbox)|revis[ae] tu (correo|bandeja)|confirma(r)? tu (correo|cuenta|email)|(correo|email|e-mail) de (confirmacion|verificacion|activacion)|te (hemos )?enviado un (correo|email|e-mail|enlace)|verifiez votre (boite|e-mail|courriel|messagerie)|(e-?mail|courriel|lien) de (confirmation|verification|validation|activation)|nous vous avons envoye un (e-?mail|courriel|lien)|un (e-?mail|courriel) (de confirmation )?vous a ete envoye|bestatigungs(-| )?(e-?mail|link|mail)|bestatigen sie ihre e-?mail|(e-?mail|postfach) (prufen|uberprufen)|wir haben ihnen (eine e-?mail|einen link)|verifique (seu|o seu) (e-?mail|caixa)|confirme (seu|o seu) (e-?mail|cadastro)|(e-?mail|link) de (confirmacao|verificacao|ativacao)|enviamos um (e-?mail|link)|controlla la tua (e-?mail|casella|posta)|conferma (la tua|il tuo) (e-?mail|indirizzo|account)|(e-?mail|link) di (conferma|verifica|attivazione)|ti abbiamo inviato un(a)? (e-?mail|link)|(le |les )?hemos enviado un (correo|email|e-mail|enlace|mensaje)|revise su (correo|bandeja|buzon)|(confirme|verifique) su (correo|email|e-mail|direccion de correo|cuenta)|(confirmez|verifiez|validez) votre adresse( e-?mail| electronique| mail)?|consultez votre (boite|messagerie)|bestatige deine e-?mail|(prufen|uberprufen) sie ihr (e-?mail-)?postfach|aktivierungs(-| )?(link|e-?mail|mail)|(verifique|confirme) (sua|seu|o seu|a sua) (caixa de entrada|endereco de e-?mail|email|e-mail)|verifica (la tua|il tuo) (e-?mail|indirizzo|casella)|abbiamo inviato un(a)? (e-?mail|link|messaggio)/i;
/** A one-time code or link, in any of the languages (compounds too: "Bestätigungscode", "SMS-Code"). */
const secretWord =
  /(code|pin|otp|passcode|one time password|codigo|clave|codice|link|enlace|lien|collegamento)\b/i;
const postalCode =
  /\b(zip ?code|postal ?code|post ?code|codigo postal|code postal|codice postale|codigo de endereco)\b/gi;
/** Where a code goes by phone: the phone itself, an SMS, or a number "ending in 42". */
const phoneWord =
  /\b(phone|mobile|cell ?phone|cell|sms|text message|whats ?app|telefono|movil|celular|telephone|portable|telefon\w*|handy\w*|mobil\w*|rufnummer|telefone|telemovel|cellulare)\b|\b(ending|terminando|terminant|terminado|endet|endend|termina|finissant)\b[^.!?\n]{0,12}\d{2,}/i;
const emailWord =
  /\b(e-?mail\w*|inbox|mailbox|correo|courriel|messagerie|boite (de reception|mail)|postfach|posteingang|caixa de entrada|casella|posta elettronica)\b|[\w.+-]+@[\w-]+\.\w/i;
/** Having sent, or asking for what was received, in each language. */
const sentWord =
  /\b(sent|send|sending|texted|received|receive|we ll (call|text)|we will (call|text)|enviado|enviamos|enviaremos|mandado|mandamos|recibido|recibiste|envoye|envoyons|recu|transmis|gesendet|geschickt|zugesandt|zugeschickt|erhalten|recebido|recebeu|inviato|inviata|inviamo|ricevuto)\b/i;

/**
 * Where the page says a code or link was just sent, sentence by sentence: "We sent a 6-digit code
 * to your phone ending in 42", "Wir haben Ihnen einen Code per SMS geschickt", "Inserisci il
 * codice ricevuto sul cellulare". A phone wins over an e-mail in the same sentence; no sentence
 * with a code, a sending and a destination together says nothing.
 */
export function codeSentTo(text: string): "phone" | "email" | null {
  let found: "phone" | "email" | null = null;
  // A postal code is no code anybody was sent.
  const plain = text.replace(postalCode, " ");
  for (const sentence of plain.split(/[.!?\n]+(?:\s|$)/)) {
    if (!secretWord.test(sentence) || !sentWord.test(sentence)) continue;
    if (phoneWord.test(sentence)) return "phone";
    if (emailWord.test(sentence)) found = "email";
  }
  return found;
}

export const loginOutcome =
  /\b(sign|log) ?in\b[^.\n]{0,40}\b(to|before|first)\b|\b(create|need|have) an? (free )?account\b|\bplease (sign|log) ?in\b|\byou must be (logged|signed) in\b|inicia(r)? sesion (para|primero)|debe(s)? iniciar sesion|necesitas una cuenta|connectez-vous (pour|d'abord)|veuillez vous connecter|vous devez etre connecte|creer un compte pour|bitte melden sie sich an|(anmelden|einloggen),? um|sie mussen angemeldet|faca (o )?login|entre na sua conta|e necessario (estar logado|fazer login)|accedi per|effettua (il )?login|devi (essere registrato|accedere)|veuillez vous (identifier|connecter)|identifiez-vous (pour|d'abord)|(melden|loggen) sie sich (bitte )?(zuerst )?(an|ein),? um|melde dich (zuerst )?an,? um|logge dich ein,? um/i;
export const successOutcome =
  /thank(s| you)\b|\breceived\b|\bsubmitted\b|\bsuccess(ful(ly)?)?\b|\bpublished\b|\bis (now )?live\b|pending (review|approval|moderation|verification)|awaiting (review|approval|moderation)|(has been|was|is|have been) (created|added|published|saved|listed|received|submitted|registered|approved|accepted)|\b(submission|entry) (has been )?(added|created|saved|recorded|completed?)\b|listing (is )?(live|created|published|added|saved)|under review|we('ll| will) review|will (be )?(reviewed|published|live|visible)|listing (id|#|number|no\.?)\s*[:#]?\s*\w+|reference (number|no\.?|id)|\bwe (got|have|ve got|received) (it|your)\b|review queue|in (the|our) (review |approval |moderation )?queue|\b(reference|ref\.?|confirmation|order)\s*(#|no\.?|number)?\s*:?\s*[a-z]{0,4}-?\d{3,}\b|your (business|listing|company|place|page) is (now )?(on|listed|live|online)\b|\bagregad[oa]s?\b|\banadid[oa]s?\b|dad[oa] de alta|\bajoutee?s?\b|\bhinzugefugt\b|\bangelegt\b|\bfreigeschaltet\b|\badicionad[oa]s?\b|\binserid[oa]s?\b|\binserit[oa]\b|\baggiunt[oa]\b|\bcodice\s*:?\s*\d{3,}|\bgracias\b|\bexitos[oa]\b|\brecibid[oa]s?\b|\benviad[oa]s?\b|\bpublicad[oa]s?\b|\bregistrad[oa]s?\b|\bguardad[oa]s?\b|(pendiente|en espera) de (revision|aprobacion|moderacion)|sera (revisad|publicad)|con exito|\bmerci\b|\brecu(e|s|es)?\b|\benvoyee?s?\b|\benregistree?s?\b|\bpubliee?s?\b|en attente de (validation|moderation|verification)|sera (publiee?|verifiee?|examinee?)|avec succes|\bdanke\b|vielen dank|\berhalten\b|\beingegangen\b|\bgespeichert\b|\bveroffentlicht\b|\beingetragen\b|\bubermittelt\b|wird (gepruft|freigeschaltet|veroffentlicht)|erfolgreich|\bobrigad[oa]\b|\brecebid[oa]s?\b|\bcadastrad[oa]s?\b|em (analise|aprovacao)|sera (analisad|publicad)|sucesso|\bgrazie\b|\bricevut[oa]\b|\binviat[oa]\b|\bpubblicat[oa]\b|\bregistrat[oa]\b|\bsalvat[oa]\b|in attesa di (approvazione|revisione|moderazione)|sara (pubblicat|esaminat|verificat)|con successo|\bis (now )?online\b|(a|ont) bien ete (prise? en compte|enregistree?s?|transmise?s?|envoyee?s?)|\bbien recue?s?\b|est (maintenant |desormais )?en ligne|ist (jetzt |nun |ab sofort )?online|esta (ya )?en linea|ya esta (activ|visible)|esta (no ar|online)|e (ora )?online/i;
/**
 * A button saying the page is still sending (matched on folded text): the answer is not in yet,
 * so nothing the page shows now is the outcome. Only the progressive forms, with their ellipsis
 * or "please wait": a button reading "Senden" or "Envoi" is a button, not a state.
 */
export const busyText =
  /^\s*(sending|submitting|saving|processing|publishing|loading|uploading|enviando|guardando|procesando|publicando|cargando|envoi|enregistrement|traitement|publication|chargement|wird gesendet|wird gespeichert|wird verarbeitet|senden|speichern|salvando|processando|carregando|invio|salvataggio|elaborazione|caricamento|pubblicazione)\s*(\.\.\.|…|\s+en cours\b|\s+in corso\b)|please wait|one moment|veuillez patienter|bitte warten|einen moment|aguarde|attendere|espere por favor|un momento/i;
/** A site owning up to a failure: never read its "submitted" in "could not be submitted" as success. */
export const siteProblemOutcome =
  /could ?n[o']t be (submitted|saved|processed|created|sent|published)|unable to (submit|save|process|create|send)|something went wrong|an (unexpected |internal )?error (has )?occurred|please try again|failed to (submit|save|send|create)|submission failed|no (se )?(pudo|ha podido) (enviar|guardar|procesar|registrar|publicar)|ha ocurrido un error|se produjo un error|impossible (d'enregistrer|d'envoyer|de publier|de traiter)|n'a pas pu etre|une erreur (est survenue|s'est produite)|konnte nicht (gespeichert|gesendet|ubermittelt|verarbeitet)|ein fehler ist aufgetreten|fehlgeschlagen|nao foi possivel (enviar|salvar|cadastrar|processar)|ocorreu um erro|non e stato possibile|impossibile (salvare|inviare|pubblicare)|si e verificato un errore|(^|\n)\s*(error|erreur|fehler|erro|errore)\b|\b(error|erreur|fehler|erro|errore)\s*[:!]|n'a pas ete (prise? en compte|enregistree?|envoyee?|transmise?)|wurde nicht (gespeichert|ubermittelt|angenommen|gesendet)|no (se )?ha (sido )?(enviad|guardad|registrad|procesad)|nao foi (enviad|salv|cadastrad|processad)|non e stat[oa] (inviat|salvat|registrat|elaborat)|was not (saved|submitted|sent|processed|created)/i;
export const validationOutcome =
  /\bis required\b|required field|are required|\binvalid\b|must (be|contain|include|accept|match)|please (enter|provide|fill|select|choose|correct|complete|check)|can(no|')t be (blank|empty)|is not (a )?valid|does(n't| not) look right|\bobligatori[oa]s?\b|es (un campo )?(obligatorio|requerido)|campo requerido|\binvalid[oa]\b|por favor (introduzca|ingrese|indique|complete|seleccione|rellene)|\bobligatoire\b|\brequis\b|\binvalide\b|veuillez (saisir|renseigner|indiquer|remplir|selectionner|choisir|corriger)|\berforderlich\b|\bpflichtfeld\b|\bungultig\b|bitte (geben sie|fullen sie|wahlen sie|korrigieren)|darf nicht leer|\bobrigatori[oa]\b|por favor (preencha|informe|insira|selecione)|\bnon valid[oa]\b|\bobbligatori[oa]\b|per favore (inserisci|compila|seleziona)|inserire un|no es (un |una )?valid[oa]|n'est pas (un |une )?valide|nao e (um |uma )?valid[oa]|non e (un |una )?valid[oa]|nicht gultig/i;

/**
 * The trades local businesses list under, each in the six languages, as folded words: a plumber
 * picks "Encanadores" or "Klempner" where a site has no English categories.
 */
export const categoryConcepts: readonly (readonly string[])[] = [
  [
    "plumbing",
    "plumber",
    "plumbers",
    "fontaneria",
    "fontanero",
    "fontaneros",
    "plomeria",
    "plomero",
    "plomeros",
    "plomberie",
    "plombier",
    "plombiers",
    "klempner",
    "sanitar",
    "installateur",
    "encanador",
    "encanadores",
    "encanamento",
    "idraulico",
    "idraulici",
    "idraulica",
  ],
  ["heating", "hvac", "calefaccion", "chauffage", "heizung", "aquecimento", "riscaldamento"],
  [
    "electrician",
    "electricians",
    "electrical",
    "electricity",
    "electricidad",
    "electricite",
    "eletricidade",
    "elettricita",
    "elektro",
    "electricista",
    "electricistas",
    "electricien",
    "electriciens",
    "elektriker",
    "eletricista",
    "eletricistas",
    "elettricista",
    "elettricisti",
  ],
  [
    "dentist",
    "dentists",
    "dental",
    "dentista",
    "dentistas",
    "dentiste",
    "dentistes",
    "zahnarzt",
    "zahnarzte",
    "dentisti",
  ],
  ["restaurant", "restaurants", "restaurante", "restaurantes", "gaststatte", "ristorante", "ristoranti"],
  [
    "lawyer",
    "lawyers",
    "legal",
    "attorney",
    "attorneys",
    "abogado",
    "abogados",
    "avocat",
    "avocats",
    "rechtsanwalt",
    "anwalt",
    "anwalte",
    "advogado",
    "advogados",
    "avvocato",
    "avvocati",
  ],
  [
    "accounting",
    "accountant",
    "accountants",
    "contabilidad",
    "contador",
    "contadores",
    "comptabilite",
    "comptable",
    "steuerberater",
    "buchhaltung",
    "contabilidade",
    "contador",
    "contabile",
    "commercialista",
    "commercialisti",
  ],
  [
    "auto repair",
    "mechanic",
    "garage",
    "taller",
    "mecanico",
    "mecanique",
    "werkstatt",
    "autowerkstatt",
    "oficina mecanica",
    "officina",
    "meccanico",
  ],
  [
    "landscaping",
    "gardener",
    "gardening",
    "jardineria",
    "jardinero",
    "paysagiste",
    "jardinage",
    "gartenbau",
    "garten",
    "jardinagem",
    "paisagismo",
    "giardinaggio",
    "giardiniere",
  ],
  ["cleaning", "cleaners", "limpieza", "nettoyage", "reinigung", "limpeza", "pulizie", "pulizia"],
  ["roofing", "roofer", "roofers", "techos", "couvreur", "toiture", "dachdecker", "telhados", "coperture"],
  [
    "hair salon",
    "hairdresser",
    "barber",
    "peluqueria",
    "coiffeur",
    "coiffure",
    "friseur",
    "cabeleireiro",
    "barbearia",
    "parrucchiere",
    "barbiere",
  ],
  ["real estate", "realtor", "inmobiliaria", "immobilier", "immobilien", "imobiliaria", "immobiliare"],
  ["doctor", "physician", "medical", "medico", "medicos", "medecin", "arzt", "arzte", "medici"],
  ["veterinarian", "vet", "veterinary", "veterinario", "veterinaire", "tierarzt", "veterinaria"],
  [
    "retail",
    "shop",
    "store",
    "tienda",
    "comercio",
    "magasin",
    "boutique",
    "geschaft",
    "einzelhandel",
    "loja",
    "varejo",
    "negozio",
  ],
  [
    "home services",
    "home improvement",
    "servicios para el hogar",
    "services a domicile",
    "hausdienste",
    "servicos domesticos",
    "servizi per la casa",
  ],
];

/** Which of the known trades a text names, in any of the six languages. */
export function tradeOf(text: string): readonly string[] | undefined {
  const words = text.split(" ");
  return categoryConcepts.find((terms) =>
    terms.some((term) => (term.includes(" ") ? text.includes(term) : words.includes(term))),
  );
}

// A confirmation link's page (the campaign inbox's follow-ups), folded like the outcomes above.

/** The page says the address, account or listing is now confirmed. */
export const confirmedOutcome =
  /\b(e-?mail|address|account|listing|registration|submission|subscription|business|profile)( address)? (has been |was |is (now )?)?(successfully )?(confirmed|verified|activated|validated)\b|thank(s| you) for (confirming|verifying|activating)|(successfully|now) (confirmed|verified|activated)|(confirmation|verification|activation) (complete|completed|successful|succeeded|done)|you('re| are) (now )?(confirmed|verified)|\b(correo|cuenta|ficha|registro|direccion|anuncio)\b[^.\n]{0,30}\b(confirmad|verificad|activad|validad)[oa]|(confirmad|verificad|activad)[oa] (con exito|correctamente)|gracias por (confirmar|verificar)|\b(adresse|compte|fiche|inscription|e-?mail|annonce)\b[^.\n]{0,30}\b(confirmee?|verifiee?|activee?|validee?)\b|merci (d'avoir|pour avoir) (confirme|verifie|valide)|\b(e-?mail|konto|eintrag|adresse|registrierung)\b[^.\n]{0,30}\b(bestatigt|verifiziert|aktiviert|freigeschaltet)\b|erfolgreich (bestatigt|verifiziert|aktiviert)|\b(e-?mail|conta|cadastro|anuncio|endereco)\b[^.\n]{0,30}\b(confirmad|verificad|ativad|validad)[oa]|\b(e-?mail|account|indirizzo|registrazione|scheda|annuncio)\b[^.\n]{0,30}\b(confermat|verificat|attivat|convalidat)[oa]/i;
/** The page says the link is wrong, expired or spent. Wins over a "confirmed" in the same page. */
export const linkFailedOutcome =
  /\b(link|token|code|url)\b[^.\n]{0,30}\b(has |is |was )?(expired|invalid|not valid|no longer valid|already (been )?used|incorrect)\b|\b(expired|invalid|unknown|broken) (confirmation |verification |activation )?(link|token|code)\b|could not (be )?(confirm|verif)|(confirmation|verification|activation) (failed|error)|\b(enlace|link|token|codigo)\b[^.\n]{0,30}\b(caducad|expirad|invalid|no (es )?valid|ya (fue |ha sido )?usad)|\b(lien|jeton|code)\b[^.\n]{0,30}\b(expire|invalide|n'est plus valide|deja utilise)|\b(link|token|code)\b[^.\n]{0,30}\b(abgelaufen|ungultig|nicht (mehr )?gultig|bereits verwendet)|\b(link|token|codigo)\b[^.\n]{0,30}\b(expirou|expirad|invalid|ja (foi )?usad)|\b(link|token|codice)\b[^.\n]{0,30}\b(scadut|non (e )?(piu )?valid|gia utilizzat)/i;
/** A button or link the confirmation page still wants pressed ("Confirm my email"). */
export const confirmButtonText =
  /^\s*(confirm|verify|activate|validate|confirmar|verificar|activar|confirmer|verifier|valider|activer|bestatigen|verifizieren|aktivieren|ativar|confermare|conferma|verifica|attiva)\b/i;

// Accounts (a directory that wants one before the listing), matched against normalised text.

/** A link or button that leads to making an account. */
export const signUpText =
  /\b(sign up|signup|register|registration|create (an |your |a free |a new )?account|join (now|free|us)|new account|registrieren|registrierung|konto (erstellen|anlegen)|registrarse|registrate|crear (una |tu )?cuenta|s inscrire|inscription|creer (un |votre )?compte|cadastre se|cadastrar|criar (uma |sua )?conta|registrati|registrazione|crea (un )?account)\b/;
/** A field that wants a user name rather than an address. */
export const usernameText =
  /\b(user ?name|login name|nickname|benutzername|nombre de usuario|usuario|nom d utilisateur|identifiant|nome de usuario|nome utente)\b/;
/** The site refusing a sign-in. */
export const signInRefused =
  /(invalid|incorrect|wrong|unknown) (e-?mail|email address|user ?name|password|credentials|login)|(e-?mail|password|credentials) (is |are )?(invalid|incorrect|wrong)|activate your account|not (yet )?(activated|verified|confirmed)|contrasena incorrecta|mot de passe incorrect|falsches passwort|senha incorreta|password errata/i;
