import { useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";

/**
 * Keeps a page current from a server-sent event stream: every "change" event (and every
 * (re)connect, to catch up on anything missed while not listening) reloads the page's data.
 * Returns whether the stream is connected, for a "live" badge.
 */
export function useLiveRevalidation(eventsUrl: string): boolean {
  const revalidator = useRevalidator();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource(eventsUrl);
    source.onopen = () => {
      setLive(true);
      revalidator.revalidate();
    };
    source.onerror = () => setLive(false);
    source.addEventListener("change", () => revalidator.revalidate());
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [eventsUrl]);
  return live;
}
