import { z } from "zod";

/*
 * How the add-in may sign a person in to this service, asked before anyone is
 * signed in (a public route): with their Microsoft account (MSAL.js nested app
 * authentication inside Office, a popup elsewhere) when the service trusts an
 * OpenID provider, and always with an API token.
 */

export const microsoftSignInSchema = z.object({
  /** the add-in's own app registration (a single-page application) */
  clientId: z.string(),
  /** where MSAL signs in, e.g. https://login.microsoftonline.com/<tenant id> */
  authority: z.string(),
  /** what the add-in asks for: the service API's scope, e.g. api://…/access_as_user */
  scopes: z.array(z.string()).min(1),
  /** "AAD" for Microsoft Entra ID; "OIDC" for any other OpenID provider (MSAL then reads its discovery document) */
  protocol: z.enum(["AAD", "OIDC"]),
});
export type MicrosoftSignIn = z.infer<typeof microsoftSignInSchema>;

export const signInOptionsSchema = z.object({
  /** null: this service does not trust an OpenID provider; sign in with an API token */
  microsoft: microsoftSignInSchema.nullable(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;
