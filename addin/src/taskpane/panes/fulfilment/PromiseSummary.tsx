import { Text } from "@fluentui/react-components";
import type { AtpReport } from "../../../../../shared/src/api";
import { bookSummary, segmentSentence, shortageSummary, shortProductLine } from "./fulfilmentWords";

/** Products listed by name: the worst few; the sheet has them all. */
const SHORT_PRODUCTS_SHOWN = 5;

/** What promising the open book gave: the book in a sentence, each segment in a sentence, the products short. */
export function PromiseSummary({ report }: { report: AtpReport }) {
  const shown = report.shortProducts.slice(0, SHORT_PRODUCTS_SHOWN);
  return (
    <div role="group" aria-label="Promise by segment">
      <Text block>{bookSummary(report)}</Text>
      <Text block weight="semibold">
        {shortageSummary(report)}
      </Text>
      <ul className="tl-rec-list" aria-label="Segments">
        {report.segments.map((s) => (
          <li key={s.segment}>
            <strong>{s.segment}</strong>: {segmentSentence(s)}
          </li>
        ))}
      </ul>
      {shown.length > 0 && (
        <>
          <Text block size={200}>
            {shown.length === 1 ? "Short product" : "Shortest products"}
            {report.totals.productsShort > shown.length ? ` (${shown.length} of ${report.totals.productsShort.toLocaleString("en-US")})` : ""}:
          </Text>
          <ul className="tl-rec-list" aria-label="Products short">
            {shown.map((p) => (
              <li key={p.productId}>{shortProductLine(p)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
