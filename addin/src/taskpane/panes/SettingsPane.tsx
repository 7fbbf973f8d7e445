import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import { ServiceClient } from "../../api/serviceClient";
import type { ServiceSettings } from "../../settings/serviceSettings";
import { TextField } from "../ui/fields";
import { ApiTokens } from "./ApiTokens";
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
            Signed in as <strong>{identity.name}</strong>, role <strong>{identity.role}</strong>, at {settings?.url}.
          </span>
        ) : (
          "Not signed in: the panes compute in this browser, but proposing, deciding and refreshing need the service."
        )}
      </Text>
      {workbookServiceUrl && (
        <Text as="p" size={200} data-testid="workbook-service">
          This workbook uses the Tierline service at <strong>{workbookServiceUrl}</strong>.{identity ? "" : " Paste your token below and sign in."}
          {settings && settings.url !== workbookServiceUrl ? ` You are signed in to ${settings.url}.` : ""}
        </Text>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void signIn();
        }}
      >
        <TextField label="Service URL" type="url" value={url} onChange={setUrl} validation={url && urlProblem ? `Expected ${urlProblem}` : undefined} />
        <TextField label="Token" type="password" value={token} onChange={setToken} hint="A bearer token from `npm start` or `npm run token`." />
        <div className="tl-actions">
          <Button appearance="primary" type="submit" disabled={operation.busy}>
            Sign in
          </Button>
          {identity && (
            <Button
              onClick={() =>
                void operation.run(
                  "Signing out",
                  async () => (
                    await onSignOut(),
                    { intent: "info", title: "Signed out", text: "Your token was removed from this computer. The workbook still names its service, so signing in again needs only a token." }
                  ),
                )
              }
            >
              Sign out
            </Button>
          )}
        </div>
      </form>
      <OperationStatus operation={operation} />
      {/* Keyed by the sign-in: another person's list must not outlive their session in this pane. */}
      {settings && identity && <ApiTokens key={`${settings.url} ${settings.token}`} client={new ServiceClient(settings)} role={identity.role} />}
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
