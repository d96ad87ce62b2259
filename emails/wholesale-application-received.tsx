import { Text } from "@react-email/components";
import { Layout, heading, paragraph, small } from "./components/Layout";

export type WholesaleApplicationReceivedProps = {
  contactName: string;
  businessName: string;
};

export function subject(props: WholesaleApplicationReceivedProps) {
  return `We received ${props.businessName}'s wholesale application`;
}

export default function WholesaleApplicationReceived(props: WholesaleApplicationReceivedProps) {
  return (
    <Layout preview={`Thank you for applying to sell Soko at ${props.businessName}`}>
      <Text style={heading}>Thank you, {props.contactName}.</Text>
      <Text style={paragraph}>
        We received the wholesale application for <strong>{props.businessName}</strong>. Our team reviews every application by hand, usually
        within two business days.
      </Text>
      <Text style={paragraph}>
        Once you're approved we'll email you a link to set your password and open your wholesale account, with your price list, payment
        terms and credit limit.
      </Text>
      <Text style={small}>Nothing to do in the meantime. If any detail changes, just reply to this email.</Text>
    </Layout>
  );
}

WholesaleApplicationReceived.PreviewProps = {
  contactName: "Maya",
  businessName: "Juniper & Gold",
} satisfies WholesaleApplicationReceivedProps;
