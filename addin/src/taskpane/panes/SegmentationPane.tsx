import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Field, Radio, RadioGroup, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import type { Dimension } from "../../../../shared/src/api";
import { ProposePanel } from "./segmentation/ProposePanel";
import { ReclassificationPanel } from "./segmentation/ReclassificationPanel";
import { ServiceRunPanel } from "./segmentation/ServiceRunPanel";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ServiceClient } from "../../api/serviceClient";
import type { TableData, TableSummary, Workbook } from "../../workbook/workbook";
import { AbcResultTable } from "./segmentation/AbcResultTable";
import { featureLabel } from "./segmentation/segmentationSummary";
import { AbcXyzMatrixView } from "./segmentation/AbcXyzMatrixView";
import { ClusterResult } from "./segmentation/ClusterResult";
import { formatPercent } from "./segmentation/segmentationSummary";
import { Choice, EngineChoice, MultiChoice, NumericChoice, TextField, checkListField, checkedValue, parseNumberList, problemOf, useComputeEngine } from "../ui/fields";
import { useChanged } from "../ui/useChanged";
import type { Can } from "../ui/permissions";
import { OperationStatus, useOperation } from "../ui/useOperation";
import { goToActions } from "../ui/goToActions";
import { ENTITY_FEATURES, type EntityFeature } from "../../../../shared/src/ml/entityFeatures";
import {
  COMPUTED_HEADERS,
  defaultSegmentationColumns,
  dimensionOfIdColumn,
  MATRIX_TABLE,
  PARETO_TABLE,
  parseClusterCount,
  RESULT_TABLE,
  runSegmentation,
  type KmeansOptions,
  type SegmentationMethod,
  type SegmentationOutcome,
} from "../runs/segmentationRun";

/** The words on a "Go to" button for each sheet a run may write. */
const RESULT_WORDS: Record<string, string> = { [PARETO_TABLE]: "Pareto", [MATRIX_TABLE]: "ABC-XYZ matrix", [RESULT_TABLE]: "results" };
import { numericHeaders } from "../runs/tableInput";

export interface SegmentationPaneProps {
  workbook: Workbook;
  client: ServiceClient | undefined;
  /** what the signed-in role may do: proposing needs "request" */
  can: Can;
}

const METHODS: Array<{ value: SegmentationMethod; text: string }> = [
  { value: "abc-xyz", text: "ABC-XYZ (value × variability)" },
  { value: "abc", text: "ABC (Pareto on one criterion)" },
  { value: "xyz", text: "XYZ (coefficient of variation)" },
  { value: "mcabc", text: "Multi-criteria ABC (weighted score)" },
  { value: "kmeans", text: "k-means clusters (on the service)" },
];

/** The class columns each method writes, offered as parts of a hybrid key. */
function computedHeaders(method: SegmentationMethod): string[] {
  if (method === "kmeans") return ["Cluster"];
  if (method === "abc-xyz") return COMPUTED_HEADERS.filter((h) => h !== "Cluster");
  if (method === "xyz") return ["XYZ"];
  return ["ABC"];
}

/** Pick the data, the method and its cut-offs; run; write classes, Pareto chart and heat map; propose the result. */
export function SegmentationPane({ workbook, client, can }: SegmentationPaneProps) {
  const [tables, setTables] = useState<TableSummary[]>([]);
  const [sourceKind, setSourceKind] = useState<"table" | "selection">("table");
  const [table, setTable] = useState("");
  const [numeric, setNumeric] = useState<string[]>([]);
  const [idColumn, setIdColumn] = useState("");
  const [method, setMethod] = useState<SegmentationMethod>("abc-xyz");
  const [valueColumn, setValueColumn] = useState("");
  // The criterion guessed from the header names, labelled as a guess until the planner picks one.
  const [valueGuessed, setValueGuessed] = useState(false);
  const [mode, setMode] = useState<"value" | "count">("value");
  const [abcCutoffs, setAbcCutoffs] = useState("0.8, 0.95");
  const [xyzCutoffs, setXyzCutoffs] = useState("0.5, 1.0");
  const [demandColumns, setDemandColumns] = useState<string[]>([]);
  const [criteriaColumns, setCriteriaColumns] = useState<string[]>([]);
  const [weights, setWeights] = useState("");
  const [engine, setEngine] = useComputeEngine(client);
  const [dimension, setDimension] = useState<Dimension>("product");
  const [features, setFeatures] = useState<EntityFeature[]>(["revenue", "margin_pct", "demand_cov"]);
  const [clusterCount, setClusterCount] = useState("");
  const [seed, setSeed] = useState("0");
  const [keyDimensions, setKeyDimensions] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<SegmentationOutcome | undefined>();
  // The selection read as its own table: its headers feed the pickers.
  const [selection, setSelection] = useState<TableData | undefined>();
  const [inventoryColumn, setInventoryColumn] = useState("");
  // The segment the classified table is filtered on after a click in the matrix.
  const [filtered, setFiltered] = useState<{ table: string; segment: string } | undefined>();
  const operation = useOperation();
  const filterOperation = useOperation();
  const { run: runOperation } = operation;

  // Column picks follow the data they were read from: a table or the selection.
  const adoptColumns = useCallback((data: TableData) => {
    const numbers = numericHeaders(data);
    const defaults = defaultSegmentationColumns(data.headers, numbers);
    setNumeric(numbers);
    setIdColumn(defaults.idColumn);
    // The defaults fall back to the first numeric column; a fallback is no guess from the header, so the planner picks.
    const fromHeader = /revenue|sales|value/i.test(defaults.valueColumn);
    setValueColumn(fromHeader ? defaults.valueColumn : "");
    setValueGuessed(fromHeader);
    setDemandColumns(defaults.demandColumns);
    setCriteriaColumns(defaults.criteriaColumns);
    setKeyDimensions([]);
    setInventoryColumn("");
  }, []);

  const readSelection = useCallback(
    () =>
      runOperation("Reading the selection", async () => {
        setSelection(undefined);
        const data = await workbook.readSelection();
        setSelection(data);
        adoptColumns(data);
      }),
    [workbook, runOperation, adoptColumns],
  );

  useEffect(() => {
    void runOperation("Listing the tables", async () => {
      const list = (await workbook.listTables()).filter((t) => !t.name.startsWith("Tierline"));
      setTables(list);
      setTable((current) => current || list[0]?.name || "");
    });
  }, [workbook, runOperation]);

  useEffect(() => {
    if (sourceKind === "selection") {
      void readSelection();
      return;
    }
    if (!table) return;
    void runOperation("Reading the columns", async () => {
      adoptColumns(await workbook.readTable(table));
    });
  }, [sourceKind, table, workbook, runOperation, adoptColumns, readSelection]);

  const tableHeaders = useMemo(() => tables.find((t) => t.name === table)?.headers ?? [], [tables, table]);
  const headers = useMemo(() => (sourceKind === "selection" ? (selection?.headers ?? []) : tableHeaders), [sourceKind, selection, tableHeaders]);

  // A result belongs to the inputs it was run with: any change of them takes it (and its filter) away.
  const inputs = JSON.stringify([
    sourceKind,
    table,
    selection?.name,
    idColumn,
    method,
    valueColumn,
    mode,
    abcCutoffs,
    xyzCutoffs,
    demandColumns,
    criteriaColumns,
    weights,
    engine,
    dimension,
    features,
    clusterCount,
    seed,
    keyDimensions,
    inventoryColumn,
  ]);
  // The selection object itself too: reading it again (same address, other cells) is another input.
  const inputsChanged = useChanged([inputs, selection]);
  if (inputsChanged && outcome) setOutcome(undefined);
  useEffect(() => {
    if (outcome || !filtered) return;
    // The filter hangs off the result: when the result goes, the rows come back.
    void workbook
      .filterTable(filtered.table, "Segment", undefined)
      .catch(() => undefined)
      .finally(() => setFiltered(undefined));
  }, [outcome, filtered, workbook]);

  const showSegment = (segment: string | undefined) =>
    filterOperation.run(segment ? `Showing ${segment} rows` : "Showing all rows", async () => {
      if (!outcome) return;
      await workbook.filterTable(outcome.table, "Segment", segment === undefined ? undefined : [segment]);
      setFiltered(segment ? { table: outcome.table, segment } : undefined);
      if (segment) await workbook.goToSheet(outcome.table);
    });
  // The proposal goes to the dimension the id column names (CustomerId → customer); the planner may still change it.
  const idColumnChanged = useChanged([idColumn]);
  if (idColumnChanged) setDimension((current) => dimensionOfIdColumn(idColumn) ?? current);
  const keyOptions = useMemo(
    () => [...computedHeaders(method), ...headers.filter((h) => h !== idColumn && !numeric.includes(h) && !COMPUTED_HEADERS.includes(h) && h !== "SegmentKey")],
    [method, headers, idColumn, numeric],
  );
  const clusterDimension: KmeansOptions["dimension"] = dimension === "customer" ? "customer" : "product";
  const cutoffLabel = mode === "value" ? "cumulative value shares" : "cumulative item shares";

  // Checked as typed, so a wrong list shows under its field and nothing is sent.
  const usesAbc = method !== "xyz" && method !== "kmeans";
  const usesXyz = method === "xyz" || method === "abc-xyz";
  const usesCriterion = usesAbc && method !== "mcabc";
  const checks = {
    abc: usesAbc ? checkListField(abcCutoffs, "ABC cut-offs", { share: true, ascending: true, optional: method === "mcabc" }) : undefined,
    xyz: usesXyz ? checkListField(xyzCutoffs, "XYZ cut-offs", { ascending: true }) : undefined,
    weights: method === "mcabc" ? checkListField(weights, "Weights", { optional: true }) : undefined,
  };
  const invalid = Object.values(checks).some((c) => c !== undefined && !c.ok) || (usesCriterion && !numeric.includes(valueColumn));

  const run = () =>
    operation.run("Running the segmentation", async (step) => {
      // A failed run leaves no result of other inputs on show.
      setOutcome(undefined);
      const result = await runSegmentation(
        workbook,
        client,
        {
          source: sourceKind === "table" ? { kind: "table", table } : { kind: "selection" },
          idColumn,
          method,
          valueColumn,
          mode,
          abcCutoffs: checks.abc && abcCutoffs.trim() !== "" ? checkedValue(checks.abc) : undefined,
          xyzCutoffs: checks.xyz ? checkedValue(checks.xyz) : parseNumberList(xyzCutoffs, "XYZ cut-offs"),
          demandColumns,
          criteriaColumns,
          weights: checks.weights && weights.trim() ? checkedValue(checks.weights) : undefined,
          engine: method === "kmeans" ? "service" : engine,
          kmeans:
            method === "kmeans"
              ? {
                  dimension: clusterDimension,
                  features,
                  seed: seed.trim() === "" ? 0 : parseNumberList(seed, "Seed")[0],
                  ...parseClusterCount(clusterCount),
                }
              : undefined,
          keyDimensions: keyDimensions.filter((d) => keyOptions.includes(d)),
          inventoryColumn: method === "abc-xyz" && inventoryColumn ? inventoryColumn : undefined,
        },
        step,
      );
      setOutcome(result);
      const clusters = result.clustering
        ? ` k = ${result.clustering.k} (${result.clustering.chosenBy === "given" ? "as given" : "best silhouette"}${result.clustering.silhouette === null ? "" : `, silhouette ${result.clustering.silhouette.toFixed(2)}`})${result.clustering.unmatched ? `; ${result.clustering.unmatched} rows unknown to the service got no cluster` : ""}.`
        : "";
      const keyed = result.keys ? ` Keys ${result.keys.dimensions.join(" × ")} in SegmentKey.` : "";
      return {
        intent: "success",
        title: "Segmentation written",
        text: `${result.ids.length} rows classified into ${result.counts.length} segments; columns written to ${result.table}${result.outputs.length ? `; also ${result.outputs.join(", ")}` : ""}.${clusters}${keyed}`,
        // Outputs name tables and charts; only the tables (Tierline…) are places to go.
        actions: goToActions(workbook, [[result.table, result.table] as const, ...result.outputs.filter((o) => o.startsWith("Tierline")).map((t) => [t, RESULT_WORDS[t] ?? t] as const)], operation.post),
      };
    });

  return (
    <section aria-labelledby="segmentation-heading" className="tl-pane">
      <h2 id="segmentation-heading">Segmentation</h2>
      <Field label="Data">
        <RadioGroup layout="horizontal" value={sourceKind} onChange={(_, d) => setSourceKind(d.value as "table" | "selection")}>
          <Radio value="table" label="A table" />
          <Radio value="selection" label="The current selection" />
        </RadioGroup>
      </Field>
      {sourceKind === "table" ? (
        <Choice label="Table" value={table} options={tables.map((t) => t.name)} onChange={setTable} />
      ) : (
        <Field label="Selection" hint="Its first row is read as the headers; the classes go to a new TierlineSegmentation table.">
          <Text block size={200} data-testid="selection-summary">
            {selection ? `${selection.name}: ${selection.headers.length} columns, ${selection.rows.length.toLocaleString("en-US")} rows` : "Not read yet"}
          </Text>
          <div>
            <Button size="small" onClick={() => void readSelection()} disabled={operation.busy}>
              Read the selection again
            </Button>
          </div>
        </Field>
      )}
      <Choice label="Id column" value={idColumn} options={headers} onChange={setIdColumn} />
      <Choice label="Method" value={method} options={METHODS} onChange={(v) => setMethod(v as SegmentationMethod)} />
      {method === "kmeans" && (
        <>
          <Choice
            label="Cluster the"
            value={clusterDimension}
            options={[
              { value: "product", text: "Products" },
              { value: "customer", text: "Customers" },
            ]}
            onChange={(v) => setDimension(v === "customer" ? "customer" : "product")}
            hint="The service clusters from its order history and matches the rows by id."
          />
          <MultiChoice
            label="Features"
            values={features}
            options={ENTITY_FEATURES.map((f) => ({ value: f, text: featureLabel(f) }))}
            onChange={(chosen) => setFeatures(chosen.filter((f): f is EntityFeature => (ENTITY_FEATURES as readonly string[]).includes(f)))}
          />
          <TextField label="Number of clusters" value={clusterCount} onChange={setClusterCount} hint="A number (3), a range chosen by silhouette (2-5), or blank for 2-8." />
          <TextField label="Seed" value={seed} onChange={setSeed} hint="The same seed gives the same clusters." />
        </>
      )}
      {method !== "xyz" && method !== "mcabc" && method !== "kmeans" && (
        <NumericChoice
          label="Criterion"
          value={valueColumn}
          numeric={numeric}
          guessed={valueGuessed}
          onChange={(v) => {
            setValueColumn(v);
            setValueGuessed(false);
          }}
          hint="ABC ranks by this column: revenue, margin, units…"
        />
      )}
      {method === "mcabc" && (
        <>
          <MultiChoice label="Criteria" values={criteriaColumns} options={numeric} onChange={setCriteriaColumns} />
          <TextField label="Weights" value={weights} onChange={setWeights} hint="One per criterion, e.g. 3, 1, 1 (blank: equal weights)." validation={problemOf(checks.weights)} />
        </>
      )}
      {method !== "xyz" && method !== "kmeans" && (
        <>
          <Choice
            label="Mode"
            value={mode}
            options={[
              { value: "value", text: "By value share" },
              { value: "count", text: "By item count" },
            ]}
            onChange={(v) => setMode(v as "value" | "count")}
          />
          <TextField label="ABC cut-offs" value={abcCutoffs} onChange={setAbcCutoffs} hint={`Increasing ${cutoffLabel}, one fewer than the classes, e.g. 80%, 95% or 0.8, 0.95.`} validation={problemOf(checks.abc)} />
        </>
      )}
      {(method === "xyz" || method === "abc-xyz") && (
        <>
          <MultiChoice label="Demand columns (one per period)" values={demandColumns} options={numeric} onChange={setDemandColumns} />
          <TextField label="XYZ cut-offs" value={xyzCutoffs} onChange={setXyzCutoffs} hint="Increasing coefficient of variation limits, e.g. 0.5, 1.0." validation={problemOf(checks.xyz)} />
        </>
      )}
      {method === "abc-xyz" && (
        <NumericChoice label="Inventory value (optional)" value={inventoryColumn} numeric={numeric} optional="None" onChange={setInventoryColumn} hint="Summed per matrix cell, to see where the stock sits." />
      )}
      <MultiChoice
        label="Key dimensions (optional)"
        values={keyDimensions.filter((d) => keyOptions.includes(d))}
        options={keyOptions}
        ordered
        onChange={setKeyDimensions}
        hint="Builds a SegmentKey column in the order you pick, e.g. tier × class × region → Key|AX|North; the key is what gets proposed."
      />
      {method !== "kmeans" && <EngineChoice value={engine} onChange={setEngine} serviceAvailable={!!client} />}
      <div className="tl-actions">
        <Button appearance="primary" onClick={() => void (invalid ? undefined : run())} disabled={operation.busy || (sourceKind === "table" ? !table : !selection) || !idColumn || invalid}>
          Run segmentation
        </Button>
      </div>
      <OperationStatus operation={operation} />
      {invalid && <Text size={200}>Correct the fields marked in red to run.</Text>}
      {outcome && (
        <>
          <SegmentationResult outcome={outcome} filtered={filtered?.segment} onFilter={(segment) => void showSegment(segment)} />
          <OperationStatus operation={filterOperation} />
          {can("request") && <ProposePanel client={client} outcome={outcome} dimension={dimension} onDimension={setDimension} />}
        </>
      )}
      {can("run") && (
        <Accordion collapsible multiple>
          <AccordionItem value="service">
            <AccordionHeader>Segment the service&apos;s data</AccordionHeader>
            <AccordionPanel>
              <ServiceRunPanel client={client} />
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="reclassify">
            <AccordionHeader>Reclassification</AccordionHeader>
            <AccordionPanel>
              <ReclassificationPanel client={client} />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
    </section>
  );
}

/** The result of the last run, in the shape of its method: ABC table, ABC-XYZ matrix, clusters, else items per segment. */
function SegmentationResult({ outcome, filtered, onFilter }: { outcome: SegmentationOutcome; filtered: string | undefined; onFilter: (segment: string | undefined) => void }) {
  const criterion = outcome.criterion ?? "Value";
  if (outcome.clustering && outcome.clusters) {
    const c = outcome.clustering;
    return <ClusterResult clusters={outcome.clusters} profiles={c.profiles} features={c.features} silhouette={c.silhouette} k={c.k} chosenBy={c.chosenBy} unmatched={c.unmatched} />;
  }
  const abcTable = outcome.abc && outcome.values && outcome.abcLabels ? <AbcResultTable classes={outcome.abc} values={outcome.values} labels={outcome.abcLabels} criterion={criterion} /> : null;
  if (outcome.abc && outcome.xyz && outcome.values && outcome.abcLabels && outcome.xyzLabels) {
    return (
      <>
        <h3>ABC-XYZ matrix</h3>
        <AbcXyzMatrixView
          abc={outcome.abc}
          xyz={outcome.xyz}
          values={outcome.values}
          abcLabels={outcome.abcLabels}
          xyzLabels={outcome.xyzLabels}
          inventory={outcome.inventory}
          criterion={criterion}
          selected={filtered}
          onSelect={onFilter}
        />
        <h3>ABC classes</h3>
        {abcTable}
      </>
    );
  }
  if (abcTable) return abcTable;
  return (
    <Table size="extra-small" aria-label="Items per segment">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Segment</TableHeaderCell>
          <TableHeaderCell style={{ textAlign: "right" }}>Items</TableHeaderCell>
          <TableHeaderCell style={{ textAlign: "right" }}>% items</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {outcome.counts.map((c) => (
          <TableRow key={c.segment}>
            <TableCell>{c.segment === "-" ? "- (no demand)" : c.segment}</TableCell>
            <TableCell style={{ textAlign: "right" }}>{c.count.toLocaleString("en-US")}</TableCell>
            <TableCell style={{ textAlign: "right" }}>{formatPercent(c.count / outcome.ids.length)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
