import { Column, Row, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import { colors, paragraph } from "./Layout";

/** One line of an order or receipt: its title and details on the left, its amount on the right. */
export function LineRow({ title, amount, children }: { title: string; amount: string; children?: ReactNode }) {
  return (
    <Row style={lineRow}>
      <Column style={{ verticalAlign: "top" }}>
        <Text style={lineTitle}>{title}</Text>
        {children}
      </Column>
      <Column style={amountCell}>{amount}</Column>
    </Row>
  );
}

/** A label and an amount in the totals under the lines; `strong` for the total itself. */
export function TotalRow({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  const style: CSSProperties = { ...paragraph, margin: "0 0 4px", fontWeight: strong ? 700 : 400 };
  return (
    <Row>
      <Column style={style}>{label}</Column>
      <Column style={{ ...style, textAlign: "right" }}>{value}</Column>
    </Row>
  );
}

const lineRow: CSSProperties = { borderBottom: `1px solid ${colors.line}`, padding: "8px 0" };
const lineTitle: CSSProperties = { ...paragraph, margin: "8px 0 2px", fontWeight: 600 };
const amountCell: CSSProperties = { ...paragraph, textAlign: "right", verticalAlign: "top", width: "120px", paddingTop: "8px" };
