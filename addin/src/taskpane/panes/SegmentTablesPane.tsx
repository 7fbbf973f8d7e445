import { Button, Switch, Text } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { ChangesWaiting } from "../../commands/changesWaiting";
import { CHANGED_ON_COLUMN, PREVIOUS_COLUMN, dimensionOfName, formatWhen, type RefreshReport } from "../../commands/refreshSegments";
import { isManagedName, type TableTag, type Workbook } from "../../workbook/workbook";
import { Choice } from "../ui/fields";
import { useChanged } from "../ui/useChanged";
import type { Can } from "../ui/permissions";
import { MessageList, type Message } from "../ui/useOperation";
import { ChangeReport } from "./ChangeReport";

const DIMENSION_LABELS: Record<string, string> = { product: "Products", customer: "Customers", supplier: "Suppliers", region: "Regions" };
const DIMENSIONS = Object.entries(DIMENSION_LABELS).map(([value, text]) => ({ value, text }));

interface Managed {
  name: string;
  tag: TableTag | null;
}

export interface SegmentTablesPaneProps {
  workbook: Workbook;
  can: Can;
  signedIn: boolean;
  /** the latest refresh (from this pane, the header or the ribbon) */
  report: RefreshReport | undefined;
  /** the plain one-line outcome of that refresh */
  status: Message | undefined;
  waiting: ChangesWaiting | undefined;
  /** a table was linked or its setting changed: the waiting count may differ */
  onTablesChanged: () => void;
}

/**
 * Sales ops' pane: the tables Tierline keeps up to date (what each holds,
 * which segments and when it was last refreshed), linking another table,
 * Refresh, and what the last refresh changed.
 */
export function SegmentTablesPane({ workbook, can, signedIn, report, status, waiting, onTablesChanged }: SegmentTablesPaneProps) {
  const [managed, setManaged] = useState<Managed[]>([]);
  const [others, setOthers] = useState<string[]>([]);
  const [linkTable, setLinkTable] = useState("");
  const [linkDimension, setLinkDimension] = useState("product");
  const [messages, setMessages] = useState<Message[]>([]);
  // A new refresh makes the pane's own notes (a link, a setting) old news.
  const reportChanged = useChanged([report]);
  if (reportChanged && messages.length > 0) setMessages([]);

  const read = useCallback(() => Promise.all([workbook.managedTables(), workbook.listTables()]), [workbook]);
  const show = useCallback(([list, all]: Awaited<ReturnType<typeof read>>) => {
    setManaged(list);
    const names = new Set(list.map((m) => m.name));
    const candidates = all.map((t) => t.name).filter((n) => !names.has(n));
    setOthers(candidates);
    setLinkTable((current) => (candidates.includes(current) ? current : (candidates[0] ?? "")));
  }, []);
  const load = useCallback(() => read().then(show), [read, show]);

  // Reload after every refresh: versions and refresh times moved.
  useEffect(() => {
    read().then(show, (error: unknown) => setMessages([{ intent: "error", title: "Could not read the workbook's tables", text: error instanceof Error ? error.message : String(error) }]));
  }, [read, show, report]);

  const waitingFor = (table: string) => waiting?.tables.find((t) => t.table === table)?.waiting;
  const setTag = async (table: string, tag: TableTag, message: Message) => {
    try {
      await workbook.setTag(table, tag);
      setMessages([message]);
      await load();
      onTablesChanged();
    } catch (error) {
      setMessages([{ intent: "error", title: "Could not change the table", text: error instanceof Error ? error.message : String(error) }]);
    }
  };

  return (
    <section className="tl-pane" aria-labelledby="segment-tables-heading">
      <h2 id="segment-tables-heading">Segment tables</h2>
      <Text as="p" size={200}>
        Tables whose first column holds entity ids and that Tierline keeps at the approved segments. Refresh segments (at the top) rewrites their Segment column and fills the cells that changed.
      </Text>
      {status && <MessageList messages={[status]} />}
      {report && <ChangeReport report={report} workbook={workbook} onMessage={(m) => setMessages([m])} />}
      {!can("read") && <Text size={200}>{signedIn ? "Refreshing needs a role that may read segments." : "Sign in under Settings to refresh these tables."}</Text>}
      <MessageList messages={messages} onDismiss={(i) => setMessages((m) => m.filter((_, k) => k !== i))} />
      <h3>Managed tables</h3>
      {managed.length === 0 ? (
        <Text as="p" size={200}>
          None yet: link a table below.
        </Text>
      ) : (
        <ul className="tl-token-list" aria-label="Managed tables">
          {managed.map(({ name, tag }) => {
            const dimension = tag?.dimension ?? dimensionOfName(name);
            const pending = waitingFor(name);
            return (
              <li key={name} className="tl-token" data-table={name}>
                <strong>{name}</strong>
                <p>
                  <Text size={200}>
                    {DIMENSION_LABELS[dimension] ?? dimension}
                    {tag?.version != null ? ` · version ${tag.version}${tag.approvedAt ? `, approved ${formatWhen(tag.approvedAt)}` : ""}` : " · never refreshed"}
                    {tag?.refreshedAt ? ` · refreshed ${formatWhen(tag.refreshedAt)}` : ""}
                    {pending ? ` · ${pending} approved change${pending === 1 ? "" : "s"} waiting` : ""}
                  </Text>
                </p>
                <Switch
                  checked={tag?.history === true}
                  label={`${PREVIOUS_COLUMN} and ${CHANGED_ON_COLUMN} columns`}
                  aria-label={`${PREVIOUS_COLUMN} and ${CHANGED_ON_COLUMN} columns in ${name}`}
                  onChange={(_, d) =>
                    void setTag(
                      name,
                      { dimension, version: tag?.version ?? null, etag: tag?.etag ?? null, approvedAt: tag?.approvedAt ?? null, refreshedAt: tag?.refreshedAt ?? null, history: d.checked },
                      d.checked
                        ? { intent: "info", title: "History columns on", text: `The next refresh adds ${PREVIOUS_COLUMN} and ${CHANGED_ON_COLUMN} to ${name} and fills them for the rows it changes.` }
                        : { intent: "info", title: "History columns off", text: `Refreshes no longer write ${PREVIOUS_COLUMN} and ${CHANGED_ON_COLUMN} in ${name}; the columns stay until you delete them.` },
                    )
                  }
                />
              </li>
            );
          })}
        </ul>
      )}
      <h3>Link a table</h3>
      {others.length === 0 ? (
        <Text as="p" size={200}>
          Every table of this workbook is already linked.
        </Text>
      ) : (
        <>
          <div className="tl-row">
            <Choice label="Table" value={linkTable} options={others} onChange={setLinkTable} />
            <Choice label="Holds" value={linkDimension} options={DIMENSIONS} onChange={setLinkDimension} />
          </div>
          <div className="tl-actions">
            <Button
              disabled={!linkTable || isManagedName(linkTable)}
              onClick={() =>
                void setTag(
                  linkTable,
                  { dimension: linkDimension, version: null, etag: null },
                  { intent: "success", title: "Table linked", text: `${linkTable} now holds ${DIMENSION_LABELS[linkDimension].toLowerCase()}: the next refresh fills its Segment column (ids in its first column).` },
                )
              }
            >
              Link table
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
