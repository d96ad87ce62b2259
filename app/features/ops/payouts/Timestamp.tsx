import { OpsTime } from "~/features/ops/shared/OpsTime";

/** An instant on Nairobi's clock, labelled EAT, the same on the server and in the browser. */
export function Timestamp({ iso }: { iso: string }) {
  return <OpsTime iso={iso} />;
}
