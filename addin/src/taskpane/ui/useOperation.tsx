import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, ProgressBar, Text } from "@fluentui/react-components";
import { useCallback, useRef, useState } from "react";
import { ServiceError } from "../../api/serviceClient";
import { DomainError } from "../../../../shared/src/errors";

export interface Message {
  intent: "success" | "info" | "warning" | "error";
  title: string;
  text: string;
  /** the next steps a message offers, e.g. "Go to TierlineWhale" after a run wrote that table */
  actions?: Array<{ label: string; run: () => void | Promise<void> }>;
}

export interface Step {
  signal: AbortSignal;
  /** reports progress: step k of n, with what is happening */
  progress(done: number, total: number, label: string): void;
}

export interface Operation {
  busy: boolean;
  label: string;
  fraction: number | undefined;
  messages: Message[];
  run(label: string, work: (step: Step) => Promise<Message | void>): Promise<void>;
  cancel(): void;
  dismiss(index: number): void;
  post(message: Message): void;
}

/** Words any failure for a MessageBar: the service's problem detail, the domain field, or the error text. */
export function toMessage(error: unknown): Message {
  if (error instanceof ServiceError) {
    const fields = error.problem?.errors
      ?.slice(0, 5)
      .map((e) => `${e.field}: ${e.message}`)
      .join("; ");
    if (error.status === 409) return { intent: "warning", title: "Conflict (409)", text: `${error.message}${fields ? ` — ${fields}` : ""}` };
    const status = error.status === "unreachable" ? "Service unreachable" : `Service error ${error.status}`;
    return { intent: "error", title: status, text: `${error.message}${fields && !error.message.includes(fields) ? ` — ${fields}` : ""}` };
  }
  if (error instanceof DomainError) return { intent: "error", title: "Invalid input", text: error.message };
  return { intent: "error", title: "Something went wrong", text: error instanceof Error ? error.message : String(error) };
}

/**
 * A long operation with progress, cancellation and every outcome in a
 * MessageBar: errors never stay in the console.
 */
export function useOperation(): Operation {
  const [busy, setBusy] = useState(false);
  const [label, setLabel] = useState("");
  const [fraction, setFraction] = useState<number | undefined>(undefined);
  const [messages, setMessages] = useState<Message[]>([]);
  const controller = useRef<AbortController | undefined>(undefined);

  const run = useCallback(async (what: string, work: (step: Step) => Promise<Message | void>) => {
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setBusy(true);
    setLabel(what);
    setFraction(undefined);
    setMessages([]);
    try {
      const result = await work({
        signal: mine.signal,
        progress: (done, total, text) => {
          setFraction(total > 0 ? done / total : undefined);
          setLabel(text);
        },
      });
      if (result) setMessages([result]);
    } catch (error) {
      if (mine.signal.aborted) setMessages([{ intent: "info", title: "Cancelled", text: `${what} was cancelled; what was already written stays.` }]);
      else setMessages([toMessage(error)]);
    } finally {
      if (controller.current === mine) {
        controller.current = undefined;
        setBusy(false);
        setFraction(undefined);
      }
    }
  }, []);

  return {
    busy,
    label,
    fraction,
    messages,
    run,
    cancel: () => controller.current?.abort(),
    dismiss: (index) => setMessages((m) => m.filter((_, i) => i !== index)),
    post: (message) => setMessages((m) => [...m, message]),
  };
}

/** The progress bar with a Cancel button while busy, then the messages. */
export function OperationStatus({ operation }: { operation: Operation }) {
  return (
    <div className="tl-status">
      {operation.busy && (
        <div className="tl-progress" role="status" aria-live="polite">
          <Text size={200}>{operation.label}…</Text>
          <ProgressBar value={operation.fraction} aria-label={operation.label} />
          <Button size="small" onClick={operation.cancel}>
            Cancel
          </Button>
        </div>
      )}
      <MessageList messages={operation.messages} onDismiss={operation.dismiss} />
    </div>
  );
}

export function MessageList({ messages, onDismiss }: { messages: Message[]; onDismiss?: (index: number) => void }) {
  return (
    <div aria-live="polite">
      {messages.map((m, i) => (
        <MessageBar key={`${i}-${m.title}`} intent={m.intent} layout="multiline" className="tl-message">
          <MessageBarBody>
            <MessageBarTitle>{m.title}</MessageBarTitle>
            <span className="tl-message-text">{m.text}</span>
            {/* In the body, where they wrap at 350 px; the action column beside it has room for one short word. */}
            {m.actions?.length ? (
              <div className="tl-actions">
                {m.actions.map((a) => (
                  <Button key={a.label} size="small" onClick={() => void a.run()}>
                    {a.label}
                  </Button>
                ))}
              </div>
            ) : null}
          </MessageBarBody>
          {onDismiss && (
            <MessageBarActions>
              <Button size="small" appearance="transparent" onClick={() => onDismiss(i)}>
                Dismiss
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      ))}
    </div>
  );
}
