import type { Handlers } from "../route";
import type { MicrosoftSignIn } from "../../../../shared/src/api/signIn";

/** The public answer to "how do I sign in here": asked by the Settings pane before anyone is signed in. */
export function signInHandlers(microsoft: MicrosoftSignIn | undefined): Handlers<"signInOptions"> {
  return { signInOptions: async () => ({ json: { microsoft: microsoft ?? null } }) };
}
