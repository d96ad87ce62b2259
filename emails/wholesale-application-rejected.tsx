import { Text } from "@react-email/components";
import { Layout, heading, paragraph, small } from "./components/Layout";

export type WholesaleApplicationRejectedProps = {
  contactName: string;
  businessName: string;
  reason: string;
};

export function subject(props: WholesaleApplicationRejectedProps) {
  return `About ${props.businessName}'s Soko wholesale application`;
}

export default function WholesaleApplicationRejected(props: WholesaleApplicationRejectedProps) {
  return (
    <Layout preview={`An update on your Soko wholesale application`}>
      <Text style={heading}>Thank you for your interest, {props.contactName}.</Text>
      <Text style={paragraph}>
        We've reviewed the wholesale application for <strong>{props.businessName}</strong> and can't open an account at this time.
      </Text>
      <Text style={paragraph}>Reason: {props.reason}</Text>
      <Text style={small}>If something has changed, or you think we got this wrong, reply to this email: a person reads every reply.</Text>
    </Layout>
  );
}

WholesaleApplicationRejected.PreviewProps = {
  contactName: "Sam",
  businessName: "Example Goods",
  reason: "We couldn't verify the resale certificate number.",
} satisfies WholesaleApplicationRejectedProps;
