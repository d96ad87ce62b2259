/**
 * Live order updates. Each app process LISTENs once on 'order_events' (fed by triggers on
 * order_events and production_events) and fans out to its SSE clients, so an event written by any
 * process or job reaches every open status page.
 */
import { sqlClient } from "~/lib/db.server";

type Listener = (orderId: number) => void;
const listeners = new Set<Listener>();
let listening: Promise<unknown> | null = null;

function ensureListening() {
  listening ??= sqlClient()
    .listen("order_events", (payload) => {
      const orderId = Number(payload);
      if (!Number.isInteger(orderId)) return;
      for (const listener of listeners) listener(orderId);
    })
    .catch((error) => {
      listening = null;
      throw error;
    });
  return listening;
}

export async function subscribeToOrder(orderId: number, onChange: () => void): Promise<() => void> {
  const listener: Listener = (id) => {
    if (id === orderId) onChange();
  };
  listeners.add(listener);
  await ensureListening();
  return () => listeners.delete(listener);
}

/** A text/event-stream Response that says `change` whenever the order moves. */
export function orderEventStream(orderId: number, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send("retry: 3000\n\n");
      const unsubscribe = await subscribeToOrder(orderId, () => send(`event: change\ndata: ${Date.now()}\n\n`));
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), 15_000);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      if (signal.aborted) cleanup();
      signal.addEventListener("abort", () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}
