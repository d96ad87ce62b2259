import { Text } from "@react-email/components";
import { formatMoney } from "~/lib/money";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

export type WholesaleApplicationApprovedProps = {
  contactName: string;
  businessName: string;
  /** "Net 30", "Net 60" or "Card". */
  termsLabel: string;
  /** Minor units; 0 for card accounts. */
  creditLimit: number;
  currency: string;
  tierName: string;
  /** /wholesale/invite/:token: sets the password. */
  inviteUrl: string;
  inviteDays: number;
};

export function subject(props: WholesaleApplicationApprovedProps) {
  return `${props.businessName} is approved for Soko wholesale`;
}

export default function WholesaleApplicationApproved(props: WholesaleApplicationApprovedProps) {
  const onTerms = props.termsLabel !== "Card";
  return (
    <Layout preview={`Welcome to Soko wholesale: set your password to start ordering`}>
      <Text style={heading}>Welcome to Soko wholesale, {props.contactName}.</Text>
      <Text style={paragraph}>
        <strong>{props.businessName}</strong> is approved. Your account buys at our <strong>{props.tierName}</strong> prices
        {onTerms ? (
          <>
            {" "}
            on <strong>{props.termsLabel}</strong> terms, with a credit limit of{" "}
            <strong>{formatMoney({ amount: props.creditLimit, currency: props.currency })}</strong>.
          </>
        ) : (
          <>, paid by card.</>
        )}
      </Text>
      <Text style={paragraph}>Set your password to see your price list and place your first order.</Text>
      <ActionButton href={props.inviteUrl}>Set your password</ActionButton>
      <Text style={small}>
        This link works once and expires in {props.inviteDays} days. You can invite colleagues from your account page.
      </Text>
      <Text style={small}>{props.inviteUrl}</Text>
    </Layout>
  );
}

WholesaleApplicationApproved.PreviewProps = {
  contactName: "Maya",
  businessName: "Juniper & Gold",
  termsLabel: "Net 30",
  creditLimit: 2_500_000,
  currency: "USD",
  tierName: "Preferred",
  inviteUrl: "http://localhost:3000/wholesale/invite/preview-token",
  inviteDays: 7,
} satisfies WholesaleApplicationApprovedProps;
