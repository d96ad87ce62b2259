/**
 * The scroll box around a wide table: a named region that a keyboard user can focus to scroll it
 * sideways (without the tab stop a table wider than the screen cannot be read by keyboard). It is
 * the containing block of what is positioned inside it (`scroll-region`), so a visually hidden label
 * in a far column stays inside the box instead of widening the page.
 */
export function ScrollRegion({
  label,
  className,
  describedBy,
  children,
}: {
  label: string;
  className: string;
  describedBy?: string;
  children: React.ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
    <div className={`scroll-region ${className}`} role="region" aria-label={label} aria-describedby={describedBy} tabIndex={0}>
      {children}
    </div>
  );
}
