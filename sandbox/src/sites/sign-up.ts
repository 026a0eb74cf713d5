import { escapeHtml, page } from "../html.ts";
import type { RequestContext, SiteDefinition } from "../types.ts";
import { categoryOptions } from "./common.ts";

/*
 * A directory that wants an account first, as many real ones do: the listing form sits behind a
 * sign-in wall; "Create an account" takes a name, an email and a password twice; the account works
 * only after the link mailed to that address is followed; signed in, the listing form takes the
 * business. Without an account the right verdict is `login_required`.
 */

const SITE = "sign-up";

function wall(ctx: RequestContext, message = "") {
  return page({
    title: "Sign in — CityListings",
    body: `<h1>Sign in to add your business</h1><p>You need a CityListings account to add or manage listings.</p>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ""}
<form method="post" action="${ctx.base}login"><p><label>Email <input name="email" type="email" autocomplete="username"></label></p>
<p><label>Password <input name="password" type="password" autocomplete="current-password"></label></p><button>Sign in</button></form>
<p>New here? <a href="${ctx.base}register">Create an account</a></p>`,
  });
}

function registerForm(ctx: RequestContext, error = "") {
  return page({
    title: "Create your account — CityListings",
    body: `<h1>Create your account</h1>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="${ctx.base}register">
<p><label>Your name <input name="full_name" autocomplete="name"></label></p>
<p><label>Email address <input name="email" type="email" autocomplete="email"></label></p>
<p><label>Password <input name="pass1" type="password" autocomplete="new-password"></label></p>
<p><label>Repeat password <input name="pass2" type="password" autocomplete="new-password"></label></p>
<p><label><input type="checkbox" name="tos" value="1"> I agree to the terms of service</label></p>
<p><label><input type="checkbox" name="news" value="1"> Send me offers and newsletters</label></p>
<button>Create account</button></form>`,
  });
}

function listingForm(ctx: RequestContext) {
  return page({
    title: "Add your business — CityListings",
    body: `<h1>Add your business</h1><p>Signed in as ${escapeHtml(ctx.cookies.cl_user ?? "")}. <a href="${ctx.base}logout">Sign out</a></p>
<form method="post" action="${ctx.base}listings/new">
<p><label>Business name <input name="biz_name"></label></p>
<p><label>Phone <input name="biz_phone" type="tel"></label></p>
<p><label>Street address <input name="biz_street"></label></p>
<p><label>City <input name="biz_city"></label></p>
<p><label>ZIP code <input name="biz_zip"></label></p>
<p><label>Category <select name="biz_cat">${categoryOptions("Choose a category")}</select></label></p>
<button>Publish listing</button></form>`,
  });
}

export const signUp: SiteDefinition = {
  slug: SITE,
  name: "CityListings",
  category: "general",
  domainAuthority: 19,
  patterns: ["account first", "email-confirmed sign-up"],
  requiresLogin: true,
  requiresEmailVerification: true,
  expected: { status: "failed", reason: "login_required" },
  submissionPath: "listings/new",
  mapping: {
    biz_name: "businessName",
    biz_phone: "phone",
    biz_street: "address",
    biz_city: "city",
    biz_zip: "zip",
  },
  routes: [
    {
      method: "GET",
      path: "",
      handle: () =>
        page({
          title: "CityListings",
          body: `<h1>CityListings</h1><a href="listings/new">Add your business</a>`,
        }),
    },
    {
      method: "GET",
      path: "listings/new",
      handle: (ctx) => (ctx.accounts.session(SITE, ctx.cookies.cl_session) ? listingForm(ctx) : wall(ctx)),
    },
    {
      method: "POST",
      path: "listings/new",
      handle: (ctx) => {
        if (!ctx.accounts.session(SITE, ctx.cookies.cl_session)) return { status: 401, body: wall(ctx) };
        const missing = ["biz_name", "biz_phone", "biz_city"].filter((f) => !ctx.fields[f]?.trim());
        ctx.record(
          ctx.fields,
          missing.length === 0,
          missing.length ? `missing ${missing.join(", ")}` : undefined,
        );
        if (missing.length)
          return {
            status: 400,
            body: `${listingForm(ctx)}<p role="alert">Please fill in every required field.</p>`,
          };
        return page({
          title: "Listing published",
          body: "<h1>Thank you!</h1><p>Your listing has been submitted and will be published after review.</p>",
        });
      },
    },
    { method: "GET", path: "register", handle: (ctx) => registerForm(ctx) },
    {
      method: "POST",
      path: "register",
      handle: (ctx) => {
        const email = (ctx.fields.email ?? "").trim().toLowerCase();
        const password = ctx.fields.pass1 ?? "";
        if (!/^[^@\s]+@[^@\s]+$/.test(email))
          return { status: 400, body: registerForm(ctx, "Please enter a valid email address.") };
        if (password.length < 10)
          return {
            status: 400,
            body: registerForm(ctx, "Your password must be at least 10 characters long."),
          };
        if (password !== ctx.fields.pass2)
          return { status: 400, body: registerForm(ctx, "The passwords do not match.") };
        if (ctx.fields.tos !== "1")
          return { status: 400, body: registerForm(ctx, "Please accept the terms of service.") };
        if (ctx.fields.news) ctx.trap({ email, news: ctx.fields.news }, "opted in to marketing mail");
        if (!ctx.accounts.register(SITE, email, password))
          return { status: 409, body: registerForm(ctx, "An account with this email already exists.") };
        const link = `${ctx.base}activate?token=${ctx.links.issue(SITE, email)}`;
        ctx.sendMail({
          from: '"CityListings" <accounts@citylistings.example>',
          to: email,
          subject: "Activate your CityListings account",
          text: `Welcome to CityListings!\n\nActivate your account: ${link}\n\nThe link works once.\n`,
        });
        return page({
          title: "Almost there",
          body: `<h1>Almost there!</h1><p>We sent an activation link to ${escapeHtml(email)}. Activate your account, then sign in to add your business.</p>`,
        });
      },
    },
    {
      method: "GET",
      path: "activate",
      handle: (ctx) => {
        const token = ctx.query.get("token") ?? "";
        const spent = ctx.links.spend(SITE, token);
        if (spent === "confirmed") {
          ctx.accounts.activate(SITE, ctx.links.emailOf(token) ?? "");
          return page({
            title: "Account activated",
            body: `<h1>Account activated</h1><p>Your account has been activated. You can now <a href="${ctx.base}listings/new">sign in</a> and add your business.</p>`,
          });
        }
        const said = {
          used: "This activation link has already been used.",
          expired: "This activation link has expired.",
          unknown: "This activation link is invalid.",
        } as const;
        return page({ title: "CityListings", body: `<h1>Sorry</h1><p>${said[spent]}</p>` });
      },
    },
    {
      method: "POST",
      path: "login",
      handle: (ctx) => {
        const email = (ctx.fields.email ?? "").trim().toLowerCase();
        const answer = ctx.accounts.signIn(SITE, email, ctx.fields.password ?? "");
        if (answer === "inactive")
          return {
            status: 403,
            body: wall(ctx, "Please activate your account first: follow the link we emailed you."),
          };
        if (answer === "wrong") return { status: 401, body: wall(ctx, "Invalid email or password.") };
        return {
          status: 303,
          body: "",
          headers: {
            location: `${ctx.base}listings/new`,
            "set-cookie": `cl_session=${answer.session}; Path=/; HttpOnly`,
          },
        };
      },
    },
  ],
};
