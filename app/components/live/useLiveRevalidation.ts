import { useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";

/**
 * Keeps a page current from a server-sent event stream: every "change" event (and every
 * (re)connect, to catch up on anything missed while not listening) reloads the page's data.
 * Returns whether the stream is connected, for a "live" badge.
 */
export function useLiveRevalidation(eventsUrl: string): boolean {
  // The router's own revalidate: the same function on every render, so it never reopens the stream.
  const { revalidate } = useRevalidator();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource(eventsUrl);
    source.onopen = () => {
      setLive(true);
      revalidate();
    };
    source.onerror = () => setLive(false);
    source.addEventListener("change", () => revalidate());
    return () => source.close();
  }, [eventsUrl, revalidate]);
  return live;
}
