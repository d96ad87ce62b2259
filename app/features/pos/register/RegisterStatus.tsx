import type { QueueState } from "./use-offline-queue";
import { FlashNotice, type NoticeMessage } from "~/components/ui/Notice";

type Props = {
  flash: NoticeMessage | null;
  online: boolean;
  hydrated: boolean;
  queue: QueueState;
  offlineReceipt: string | null;
};

/** The register's top line: the flash, whether the tablet is offline, what waits to sync, the last offline sale. */
export function RegisterStatus({ flash, online, hydrated, queue, offlineReceipt }: Props) {
  return (
    <section className="pos-status" aria-live="polite">
      <FlashNotice flash={flash} />
      {!online ? (
        <p className="notice pos-offline" role="status">
          <strong>Offline.</strong> Cash sales are saved on this tablet and sync when the connection returns.
        </p>
      ) : null}
      {hydrated && (queue.waiting > 0 || queue.failed > 0 || !online) ? (
        <p className="pos-queue" role="status" data-testid="offline-queue">
          <span className="badge badge--warn">
            {queue.waiting} {queue.waiting === 1 ? "sale" : "sales"} waiting to sync
          </span>
          {queue.failed ? (
            <span className="badge badge--bad">
              {queue.failed} need attention: {queue.lastError}
            </span>
          ) : null}
          {queue.syncing ? <span className="muted"> Syncing…</span> : null}
          {online && queue.waiting > 0 ? (
            <button type="button" className="link-button" onClick={() => void window.SokoPosQueue?.sync()}>
              Sync now
            </button>
          ) : null}
        </p>
      ) : null}
      {offlineReceipt ? (
        <p className="notice notice--success" role="status">
          {offlineReceipt}
        </p>
      ) : null}
    </section>
  );
}
