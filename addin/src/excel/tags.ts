import { TAG_PREFIX, isManagedName, parseTag, type TableTag } from "../workbook/workbook";

/**
 * The tables "Refresh segments" keeps up to date: those named TierlineSegments…
 * and those tagged in the workbook's custom document properties (which also
 * hold the version each was last refreshed to).
 */
export async function managedTables(context: Excel.RequestContext): Promise<Array<{ name: string; tag: TableTag | null }>> {
  const tables = context.workbook.tables.load("items");
  const properties = context.workbook.properties.custom.load("items");
  await context.sync();
  const tags = new Map<string, TableTag | null>();
  for (const property of properties.items) {
    if (property.key.startsWith(TAG_PREFIX)) tags.set(property.key.slice(TAG_PREFIX.length), parseTag(property.value));
  }
  return tables.items.filter((t) => isManagedName(t.name) || tags.get(t.name)).map((t) => ({ name: t.name, tag: tags.get(t.name) ?? null }));
}

/** Tags a table as Tierline-managed, with the version it now holds; replaces an earlier tag. */
export async function setTag(context: Excel.RequestContext, table: string, tag: TableTag): Promise<void> {
  context.workbook.properties.custom.add(`${TAG_PREFIX}${table}`, JSON.stringify(tag));
  await context.sync();
}
