import { useEffect, useState } from "react";

/**
 * A fetcher's last refusal, until its next submission. Remix keeps `fetcher.data` from an earlier
 * 400 after a later submission redirects, so a corrected quantity would still show the old message.
 */
export function useFreshData<T>(fetcher: { state: string; data?: T }): T | null {
  const [shown, setShown] = useState<T | null>(null);
  useEffect(() => {
    if (fetcher.state === "submitting") setShown(null);
  }, [fetcher.state]);
  useEffect(() => {
    setShown(fetcher.data ?? null);
  }, [fetcher.data]);
  return fetcher.state === "idle" ? shown : null;
}
