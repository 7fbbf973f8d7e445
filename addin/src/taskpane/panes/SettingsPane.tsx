import { Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import { ServiceClient } from "../../api/serviceClient";
import type { ServiceSettings } from "../../settings/serviceSettings";
import { TextField } from "../ui/fields";
import { OperationStatus, useOperation } from "../ui/useOperation";

export interface Identity {
  name: string;
  role: string;
}

export interface SettingsPaneProps {
  settings: ServiceSettings | undefined;
  defaultUrl: string;
  identity: Identity | undefined;
  /** stores the settings once the service accepted the token */
  onSignIn: (settings: ServiceSettings, identity: Identity) => Promise<void>;
  onSignOut: () => Promise<void>;
}

/** Service URL and token; signing in asks the service who the token belongs to (GET /me) before keeping it. */
export function SettingsPane({ settings, defaultUrl, identity, onSignIn, onSignOut }: SettingsPaneProps) {
  const [url, setUrl] = useState(settings?.url ?? defaultUrl);
  const [token, setToken] = useState("");
  const operation = useOperation();
  const urlProblem = /^https?:\/\/[^\s/]+/.test(url.trim()) ? undefined : "a URL such as http://127.0.0.1:3001";

  const signIn = () =>
    operation.run("Signing in", async () => {
      if (urlProblem) throw new Error(`Service URL: expected ${urlProblem}`);
      if (token.trim() === "") throw new Error("Token: paste the token `npm start` printed (or `npm run token`)");
      const candidate = { url: url.trim().replace(/\/+$/, ""), token: token.trim() };
      const me = await new ServiceClient(candidate).me();
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
            <Button onClick={() => void operation.run("Signing out", async () => (await onSignOut(), { intent: "info", title: "Signed out", text: "The token was removed from this workbook's settings." }))}>
              Sign out
            </Button>
          )}
        </div>
      </form>
      <OperationStatus operation={operation} />
    </section>
  );
}
