import { Button, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { MicrosoftSignIn } from "../../../../shared/src/api/signIn";
import { ServiceClient } from "../../api/serviceClient";
import { microsoftAccountFor } from "../../auth/microsoftAccount";
import type { ServiceSettings } from "../../settings/serviceSettings";
import { TextField } from "../ui/fields";
import { ApiTokens } from "./ApiTokens";
import { Schedules } from "./Schedules";
import { OperationStatus, useOperation, type Message } from "../ui/useOperation";

export interface Identity {
  name: string;
  role: string;
}

export interface SettingsPaneProps {
  settings: ServiceSettings | undefined;
  defaultUrl: string;
  identity: Identity | undefined;
  /** the service this workbook records it belongs to (set when someone signs in or refreshes) */
  workbookServiceUrl?: string;
  /** adds the example sheets with live TIER formulas; returns what to tell the planner */
  onInsertExamples: () => Promise<Message>;
  /** stores the settings once the service accepted the token */
  onSignIn: (settings: ServiceSettings, identity: Identity) => Promise<void>;
  onSignOut: () => Promise<void>;
}

/** Service URL and token; signing in asks the service who the token belongs to (GET /me) before keeping it. */
export function SettingsPane({ settings, defaultUrl, identity, workbookServiceUrl, onInsertExamples, onSignIn, onSignOut }: SettingsPaneProps) {
  const [url, setUrl] = useState(settings?.url ?? workbookServiceUrl ?? defaultUrl);
  const examples = useOperation();
  const [token, setToken] = useState("");
  const operation = useOperation();
  const urlProblem = /^https?:\/\/[^\s/]+/.test(url.trim()) ? undefined : "a URL such as http://127.0.0.1:3001";

  const candidateUrl = urlProblem ? undefined : url.trim().replace(/\/+$/, "");
  // Whether this service offers Microsoft sign-in; asked as the URL settles, so the button is ready (and the popup opens within the click's user activation).
  const [offered, setOffered] = useState<{ url: string; options: MicrosoftSignIn } | undefined>();
  const microsoft = offered && offered.url === candidateUrl ? offered.options : null;
  useEffect(() => {
    if (!candidateUrl) return;
    let current = true;
    const timer = setTimeout(() => {
      // One request to the service: the account is opened from the options it answers, and kept for the click.
      microsoftAccountFor(candidateUrl, globalThis.location.origin).then(
        (account) => current && setOffered({ url: candidateUrl, options: account.options }),
        () => undefined, // no Microsoft sign-in there, or unreachable: reported when someone signs in
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [candidateUrl]);

  const signInWithMicrosoft = () =>
    operation.run("Signing in with Microsoft", async () => {
      if (!candidateUrl) throw new Error(`Service URL: expected ${urlProblem}`);
      const candidate = { url: candidateUrl, signIn: "microsoft" as const };
      const account = await microsoftAccountFor(candidateUrl, globalThis.location.origin);
      await account.token(true);
      // A refused account (no Tierline role) must not stay cached: the next person at this computer signs in afresh.
      const me = await new ServiceClient(candidate).call("me", {}).catch(async (error: unknown) => {
        await account.signOut();
        throw error;
      });
      await onSignIn(candidate, me);
      return { intent: "success", title: "Signed in", text: `You are ${me.name} (${me.role}), signed in with your Microsoft account.` };
    });

  const signOut = async () => {
    if (settings?.signIn === "microsoft") await (await microsoftAccountFor(settings.url, globalThis.location.origin)).signOut();
    await onSignOut();
  };

  const signIn = () =>
    operation.run("Signing in", async () => {
      if (urlProblem) throw new Error(`Service URL: expected ${urlProblem}`);
      if (token.trim() === "") throw new Error("Token: paste the token `npm start` printed (or `npm run token`)");
      const candidate = { url: url.trim().replace(/\/+$/, ""), token: token.trim() };
      const me = await new ServiceClient(candidate).call("me", {});
      await onSignIn(candidate, me);
      setToken("");
      return { intent: "success", title: "Signed in", text: `You are ${me.name} (${me.role}).` };
    });

  return (
    <section aria-labelledby="settings-heading" className="tl-pane">
      <h2 id="settings-heading">Settings</h2>
      <Text as="p" size={200}>
        {identity ? (
          <span data-testid="identity">
            Signed in as <strong>{identity.name}</strong>, role <strong>{identity.role}</strong>, at {settings?.url}
            {settings?.signIn === "microsoft" ? " with your Microsoft account" : ""}.
          </span>
        ) : (
          "Not signed in: the panes compute in this browser, but proposing, deciding and refreshing need the service."
        )}
      </Text>
      {workbookServiceUrl && (
        <Text as="p" size={200} data-testid="workbook-service">
          This workbook uses the Tierline service at <strong>{workbookServiceUrl}</strong>.{identity ? "" : microsoft ? " Sign in below." : " Paste your token below and sign in."}
          {settings && settings.url !== workbookServiceUrl ? ` You are signed in to ${settings.url}.` : ""}
        </Text>
      )}
      {identity && (
        <div className="tl-actions">
          <Button
            onClick={() =>
              void operation.run(
                "Signing out",
                async () => (
                  await signOut(),
                  {
                    intent: "info",
                    title: "Signed out",
                    text:
                      settings?.signIn === "microsoft"
                        ? "Your Microsoft sign-in was removed from this computer. The workbook still names its service."
                        : "Your token was removed from this computer. The workbook still names its service, so signing in again needs only a token.",
                  }
                ),
              )
            }
          >
            Sign out
          </Button>
        </div>
      )}
      {identity && <h3 id="switch-heading">Sign in as someone else</h3>}
      <TextField label="Service URL" type="url" value={url} onChange={setUrl} validation={url && urlProblem ? `Expected ${urlProblem}` : undefined} />
      {microsoft && (
        <div className="tl-actions" data-testid="microsoft-sign-in">
          <Button appearance="primary" disabled={operation.busy} onClick={() => void signInWithMicrosoft()}>
            Sign in with Microsoft
          </Button>
          <Text size={200}>Your organisation&apos;s account; your role comes from your directory.</Text>
        </div>
      )}
      {microsoft && <h3 id="token-heading">Or sign in with an API token</h3>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void signIn();
        }}
      >
        <TextField label="Token" type="password" value={token} onChange={setToken} hint="A bearer token from `npm start` or `npm run token`." />
        <div className="tl-actions">
          <Button appearance={microsoft ? "secondary" : "primary"} type="submit" disabled={operation.busy}>
            Sign in{microsoft ? " with token" : ""}
          </Button>
        </div>
      </form>
      <OperationStatus operation={operation} />
      {/* Keyed by the sign-in: another person's list must not outlive their session in this pane. */}
      {settings && identity && <ApiTokens key={`tokens ${settings.url} ${settings.token ?? identity.name}`} client={new ServiceClient(settings)} role={identity.role} />}
      {settings && identity && <Schedules key={`schedules ${settings.url} ${settings.token ?? identity.name}`} client={new ServiceClient(settings)} role={identity.role} />}
      <h3 id="examples-heading">Examples</h3>
      <Text as="p" size={200}>
        Adds five sheets (Segmentation, Forecasting, Inventory, Cost, Service) with example data and a live formula for every TIER function. Your own sheets stay as they are.
      </Text>
      <div className="tl-actions">
        <Button disabled={examples.busy} onClick={() => void examples.run("Inserting examples", onInsertExamples)}>
          Insert examples
        </Button>
      </div>
      <OperationStatus operation={examples} />
    </section>
  );
}
