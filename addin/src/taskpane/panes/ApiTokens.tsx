import { Badge, Button, Checkbox, Text } from "@fluentui/react-components";
import { useState } from "react";
import { can, DEFAULT_TOKEN_DAYS, PERMISSION_LABELS, permissionsOf, ROLES, type ApiToken, type Permission, type Role } from "../../../../shared/src/api";
import type { ServiceClient } from "../../api/serviceClient";
import { Choice, TextField, parseNumberField } from "../ui/fields";
import { OperationStatus, useOperation } from "../ui/useOperation";

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }) : "never");

/** One token as a line a planner reads at 350 px: what it is for, its role and owner, when it expires and was last used. */
function TokenLine({ token, onRevoke, busy }: { token: ApiToken; onRevoke: (t: ApiToken) => void; busy: boolean }) {
  return (
    <li className="tl-token" data-token-id={token.id}>
      <div>
        <strong>{token.name}</strong>{" "}
        <Badge appearance="tint" size="small" color={token.status === "active" ? "success" : "danger"}>
          {token.status}
        </Badge>
      </div>
      <Text size={200} as="p">
        {token.role}
        {token.scopes ? ` limited to ${token.scopes.join(", ")}` : ""} · owner {token.subject} · {token.status === "revoked" ? `revoked ${day(token.revokedAt)}` : `expires ${day(token.expiresAt)}`} · last used{" "}
        {day(token.lastUsedAt)}
      </Text>
      {token.status === "active" && (
        <Button size="small" disabled={busy} onClick={() => onRevoke(token)} aria-label={`Revoke ${token.name}`}>
          Revoke
        </Button>
      )}
    </li>
  );
}

/**
 * API tokens for pipelines and scripts: everyone sees and revokes their own,
 * an admin everyone's and issues new ones (shown once, then only as a hash).
 */
export function ApiTokens({ client, role }: { client: ServiceClient; role: string | undefined }) {
  const [tokens, setTokens] = useState<ApiToken[] | undefined>();
  const [issued, setIssued] = useState<string | undefined>();
  const [form, setForm] = useState({ name: "", subject: "", role: "viewer" as Role, days: String(DEFAULT_TOKEN_DAYS), limit: false, scopes: [] as Permission[] });
  const operation = useOperation();
  const admin = can(role, "admin");

  const load = () =>
    operation.run("Reading API tokens", async ({ signal }) => {
      const { tokens: listed } = await client.call("listTokens", {}, { signal });
      setTokens(listed);
      return listed.length === 0 ? { intent: "info", title: "No API tokens", text: admin ? "No one has an API token yet." : "You own no API token." } : undefined;
    });

  const revoke = (token: ApiToken) =>
    operation.run(`Revoking ${token.name}`, async ({ signal }) => {
      await client.call("revokeToken", { params: { id: token.id } }, { signal });
      setTokens((await client.call("listTokens", {}, { signal })).tokens);
      return { intent: "success", title: "Revoked", text: `${token.name} stopped working just now.` };
    });

  const issue = () =>
    operation.run("Issuing an API token", async ({ signal }) => {
      const days = parseNumberField(form.days, "Valid for (days)", { min: 1, max: 365, integer: true });
      if (form.limit && form.scopes.length === 0) throw new Error("Limit to: tick at least one permission, or untick “Limit what it may do”");
      const scopes = form.limit ? permissionsOf(form.role).filter((p) => form.scopes.includes(p)) : undefined;
      const answer = await client.call("issueToken", { body: { name: form.name.trim(), subject: form.subject.trim(), role: form.role, expiresInDays: days, scopes } }, { signal });
      setIssued(answer.token);
      setTokens((await client.call("listTokens", {}, { signal })).tokens);
      return {
        intent: "success",
        title: "Issued",
        text: `${answer.name} for ${answer.subject}, ${answer.role}${answer.scopes ? ` limited to ${answer.scopes.join(", ")}` : ""}, until ${day(answer.expiresAt)}. Copy the token now: it is not shown again.`,
      };
    });

  return (
    <>
      <h3 id="tokens-heading">API tokens</h3>
      <Text as="p" size={200}>
        For pipelines and scripts that call the service. {admin ? "You see everyone's tokens." : "You see the tokens you own."}
      </Text>
      <div className="tl-actions">
        <Button disabled={operation.busy} onClick={() => void load()}>
          {tokens ? "Reload tokens" : "Show API tokens"}
        </Button>
      </div>
      {tokens && tokens.length > 0 && (
        <ul className="tl-token-list" aria-labelledby="tokens-heading">
          {tokens.map((t) => (
            <TokenLine key={t.id} token={t} busy={operation.busy} onRevoke={(x) => void revoke(x)} />
          ))}
        </ul>
      )}
      {admin && tokens && <h4 id="issue-token-heading">Issue a token</h4>}
      {admin && tokens && (
        <form
          aria-labelledby="issue-token-heading"
          onSubmit={(event) => {
            event.preventDefault();
            void issue();
          }}
        >
          <TextField label="What it is for" value={form.name} onChange={(name) => setForm({ ...form, name })} hint="e.g. nightly ERP export" />
          <TextField label="Owner" value={form.subject} onChange={(subject) => setForm({ ...form, subject })} hint="the person or service account answerable for it" />
          <Choice label="Role" value={form.role} options={[...ROLES]} onChange={(r) => setForm({ ...form, role: r as Role })} />
          <TextField label="Valid for (days)" value={form.days} onChange={(days) => setForm({ ...form, days })} />
          <Checkbox label="Limit what it may do" checked={form.limit} onChange={(_, d) => setForm({ ...form, limit: d.checked === true })} />
          {form.limit && (
            <fieldset className="tl-scopes">
              <legend>Limit to (of the {form.role} role&apos;s permissions)</legend>
              {permissionsOf(form.role).map((p) => (
                <Checkbox
                  key={p}
                  label={PERMISSION_LABELS[p]}
                  checked={form.scopes.includes(p)}
                  onChange={(_, d) => setForm({ ...form, scopes: d.checked === true ? [...form.scopes, p] : form.scopes.filter((s) => s !== p) })}
                />
              ))}
            </fieldset>
          )}
          <div className="tl-actions">
            <Button appearance="primary" type="submit" disabled={operation.busy}>
              Issue token
            </Button>
          </div>
        </form>
      )}
      {issued && (
        <Text as="p" size={200} data-testid="issued-token" className="tl-secret">
          New token (copy it now): <code>{issued}</code>
        </Text>
      )}
      <OperationStatus operation={operation} />
    </>
  );
}
