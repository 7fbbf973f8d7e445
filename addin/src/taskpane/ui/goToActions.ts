import type { Workbook } from "../../workbook/workbook";
import { toMessage, type Message } from "./useOperation";

/** "Go to …" for each sheet a run wrote (table name → the words on the button): a result sheet is created quietly, so the message offers the way to it. */
export function goToActions(workbook: Workbook, tables: ReadonlyArray<readonly [table: string, words: string]>, report: (message: Message) => void): NonNullable<Message["actions"]> {
  return [...new Map(tables).entries()].map(([table, words]) => ({
    label: `Go to ${words}`,
    run: () => workbook.goToSheet(table).catch((error: unknown) => report(toMessage(error))),
  }));
}
