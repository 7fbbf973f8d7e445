/*
 * The ribbon's "approved changes waiting" signal. Office ribbons have no
 * badges, and Office.ribbon.requestUpdate changes only whether a control is
 * enabled (RibbonApi 1.1) or, on a custom tab, visible (1.3) — never its
 * label. So the "Approved changes" button of manifest.xml is enabled while
 * changes wait and greyed when none do; the count itself is in the pane's
 * header. Where RibbonApi 1.1 is missing the button simply stays enabled.
 */

/** The ids in manifest.xml: the built-in Home tab, Tierline's group and the button. */
export const CHANGES_BUTTON = { tab: "TabHome", group: "Tierline.Group", control: "Tierline.ChangesButton" } as const;

/** The ribbon of this host, when it can take updates; undefined outside Excel or on builds without RibbonApi 1.1. */
function updatableRibbon(): typeof Office.ribbon | undefined {
  if (typeof Office === "undefined") return undefined;
  try {
    return Office.context?.requirements?.isSetSupported("RibbonApi", "1.1") ? Office.ribbon : undefined;
  } catch {
    return undefined;
  }
}

/** Lights (or greys) the "Approved changes" button; says whether the ribbon could be told. */
export async function showChangesWaitingOnRibbon(waiting: number): Promise<boolean> {
  const ribbon = updatableRibbon();
  if (!ribbon) return false;
  await ribbon.requestUpdate({ tabs: [{ id: CHANGES_BUTTON.tab, groups: [{ id: CHANGES_BUTTON.group, controls: [{ id: CHANGES_BUTTON.control, enabled: waiting > 0 }] }] }] });
  return true;
}
