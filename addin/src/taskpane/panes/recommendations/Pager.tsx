import { Button, Text } from "@fluentui/react-components";
import { formatCount } from "./format";
import { useQueueStyles } from "./styles";

/** "Rows 26–50 of 70" with Previous and Next: a page of a long list, so the pane keeps its height at any volume. */
export function Pager({ what, page, size, total, onPage }: { what: string; page: number; size: number; total: number; onPage: (page: number) => void }) {
  const styles = useQueueStyles();
  if (total <= size) return null;
  const last = Math.ceil(total / size) - 1;
  return (
    <nav className={styles.pager} aria-label={`Pages of ${what}`}>
      <Button size="small" disabled={page === 0} onClick={() => onPage(page - 1)} aria-label={`Previous page of ${what}`}>
        Previous
      </Button>
      <Text size={200}>{`${formatCount(page * size + 1)}–${formatCount(Math.min(total, (page + 1) * size))} of ${formatCount(total)}`}</Text>
      <Button size="small" disabled={page >= last} onClick={() => onPage(page + 1)} aria-label={`Next page of ${what}`}>
        Next
      </Button>
    </nav>
  );
}
