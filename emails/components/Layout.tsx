import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";

/**
 * The frame every Soko email shares: wordmark, a white card, and a footer that says who made the piece.
 * Inline styles only: email clients ignore stylesheets.
 */
export function Layout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={wordmark}>SOKO</Text>
          <Section style={card}>{children}</Section>
          <Hr style={rule} />
          <Text style={footer}>{FOOTER_MADE}</Text>
          <Text style={footer}>
            Questions? Reply to this email or write to{" "}
            <Link href={`mailto:${HELLO}`} style={footerLink}>
              {HELLO}
            </Link>
            .
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

const FOOTER_MADE = "Every Soko piece is handmade in Kenya by an independent artisan, paid for their work on their phone.";
const HELLO = "hello@soko.test";
const TEXT_RULE = "-".repeat(40);

/**
 * An email's plain-text part in the frame Layout draws (wordmark, then the blocks, then the footer),
 * for a template that writes its text from its own props instead of having the HTML walked by
 * html-to-text (a tenth of a confirmation's job). Empty blocks are left out; blocks are separated by a
 * blank line.
 */
export function plainTextLayout(blocks: Array<string | null | undefined | false>): string {
  return [
    "SOKO",
    ...blocks.filter((block): block is string => Boolean(block)),
    TEXT_RULE,
    FOOTER_MADE,
    `Questions? Reply to this email or write to ${HELLO}.`,
  ].join("\n\n");
}

/** A rule across a plain-text email, where the HTML has an <Hr>. */
export const plainTextRule = TEXT_RULE;

/** The big call to action: a real link styled as a button, so it works in every client. */
export function ActionButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ textAlign: "center", margin: "28px 0" }}>
      <Link href={href} style={button}>
        {children}
      </Link>
    </Section>
  );
}

export const colors = { ink: "#1f1a17", soft: "#5b524b", paper: "#fbf8f3", line: "#e2d8ca", clay: "#8f4020" };
const serif = '"Iowan Old Style", "Palatino Linotype", Palatino, Georgia, serif';
const sans = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const heading: CSSProperties = {
  fontFamily: serif,
  fontSize: "26px",
  fontWeight: 500,
  lineHeight: "1.25",
  margin: "0 0 12px",
  color: colors.ink,
};
export const subheading: CSSProperties = { fontFamily: serif, fontSize: "18px", fontWeight: 500, margin: "24px 0 8px", color: colors.ink };
export const paragraph: CSSProperties = { fontSize: "15px", lineHeight: "1.6", margin: "0 0 12px", color: colors.ink };
export const small: CSSProperties = { fontSize: "13px", lineHeight: "1.5", margin: "0 0 8px", color: colors.soft };

const body: CSSProperties = { backgroundColor: colors.paper, fontFamily: sans, margin: 0, padding: "24px 0" };
const container: CSSProperties = { maxWidth: "600px", margin: "0 auto", padding: "0 16px" };
const wordmark: CSSProperties = {
  fontFamily: serif,
  fontSize: "22px",
  letterSpacing: "0.35em",
  fontWeight: 600,
  textAlign: "center",
  margin: "8px 0 20px",
  color: colors.ink,
};
const card: CSSProperties = { backgroundColor: "#ffffff", border: `1px solid ${colors.line}`, borderRadius: "6px", padding: "28px 24px" };
const rule: CSSProperties = { borderColor: colors.line, margin: "24px 0 12px" };
const footer: CSSProperties = { fontSize: "12px", lineHeight: "1.5", color: colors.soft, textAlign: "center", margin: "0 0 6px" };
const footerLink: CSSProperties = { color: colors.soft, textDecoration: "underline" };
const button: CSSProperties = {
  display: "inline-block",
  backgroundColor: colors.ink,
  color: "#ffffff",
  fontSize: "16px",
  fontWeight: 600,
  textDecoration: "none",
  padding: "14px 28px",
  borderRadius: "6px",
};
