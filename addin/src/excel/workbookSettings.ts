/**
 * What a workbook remembers about Tierline in its own settings
 * (`Workbook.settings`, ExcelApi 1.4): saved with the file and shared with
 * everyone who opens it, unlike OfficeRuntime.storage (per user and machine).
 */
export const SERVICE_URL_SETTING = "Tierline.serviceUrl";

/** The Tierline service this workbook belongs to, or undefined when none was recorded. */
export async function readWorkbookServiceUrl(context: Excel.RequestContext): Promise<string | undefined> {
  const item = context.workbook.settings.getItemOrNullObject(SERVICE_URL_SETTING).load("value");
  await context.sync();
  if (item.isNullObject) return undefined;
  return typeof item.value === "string" && item.value !== "" ? item.value : undefined;
}

/** Records the service URL in the workbook (replacing an earlier one). */
export async function writeWorkbookServiceUrl(context: Excel.RequestContext, url: string): Promise<void> {
  context.workbook.settings.add(SERVICE_URL_SETTING, url);
  await context.sync();
}
