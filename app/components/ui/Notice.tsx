import type { ReactNode } from "react";

export type NoticeKind = "success" | "error";
/** A message for `FlashNotice`: a flash (~/lib/flash.server) or anything of its shape. */
export type NoticeMessage = { kind: NoticeKind; message: string };

/**
 * A message at the top of a page or beside what it is about, in the look of its surface (`aa`: the
 * artisan app's). An error is announced at once (role alert), anything else politely (role status),
 * the same on every page.
 */
export function Notice({
  kind,
  children,
  id,
  className,
  look = "notice",
}: {
  kind: NoticeKind;
  children: ReactNode;
  id?: string;
  className?: string;
  look?: "notice" | "aa-notice";
}) {
  return (
    <p className={`${look} ${look}--${kind}${className ? ` ${className}` : ""}`} role={kind === "error" ? "alert" : "status"} id={id}>
      {children}
    </p>
  );
}

/** The page's one-time message after an action (~/lib/flash.server), when there is one. */
export function FlashNotice({
  flash,
  id,
  className,
  look,
}: {
  flash: NoticeMessage | null | undefined;
  id?: string;
  className?: string;
  look?: "notice" | "aa-notice";
}) {
  return flash ? (
    <Notice kind={flash.kind} id={id} className={className} look={look}>
      {flash.message}
    </Notice>
  ) : null;
}
