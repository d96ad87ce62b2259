import { formatOpsTime, type OpsTimeOptions } from "~/lib/time";

/** A time on the factory's clock, labelled EAT; the exact instant in `dateTime` and the tooltip. */
export function OpsTime({ iso, ...options }: { iso: string } & OpsTimeOptions) {
  return (
    <time dateTime={iso} title="Nairobi time (East Africa Time, UTC+3)">
      {formatOpsTime(iso, options)}
    </time>
  );
}
