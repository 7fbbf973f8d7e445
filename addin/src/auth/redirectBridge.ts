import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

/*
 * The page MSAL's sign-in popup lands on: it hands the provider's answer to the pane that opened it
 * and closes. It loads nothing else, so the code in the URL is read by MSAL alone.
 */
void broadcastResponseToMainFrame().catch((error: unknown) => {
  document.body.textContent = `Sign-in could not finish: ${error instanceof Error ? error.message : String(error)}. Close this window and try again from the Tierline pane.`;
});
