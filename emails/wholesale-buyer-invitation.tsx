import { Text } from "@react-email/components";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

export type WholesaleBuyerInvitationProps = {
  inviteeName: string;
  inviterName: string;
  businessName: string;
  /** /wholesale/invite/:token: sets the password. */
  inviteUrl: string;
  inviteDays: number;
};

export function subject(props: WholesaleBuyerInvitationProps) {
  return `${props.inviterName} invited you to order Soko wholesale for ${props.businessName}`;
}

export default function WholesaleBuyerInvitation(props: WholesaleBuyerInvitationProps) {
  return (
    <Layout preview={`Join ${props.businessName} on Soko wholesale`}>
      <Text style={heading}>Hello {props.inviteeName},</Text>
      <Text style={paragraph}>
        {props.inviterName} invited you to buy for <strong>{props.businessName}</strong> on Soko wholesale: handmade jewelry from Kenyan
        artisans, at your store's prices and terms.
      </Text>
      <ActionButton href={props.inviteUrl}>Accept and set your password</ActionButton>
      <Text style={small}>This link works once and expires in {props.inviteDays} days.</Text>
      <Text style={small}>{props.inviteUrl}</Text>
    </Layout>
  );
}

WholesaleBuyerInvitation.PreviewProps = {
  inviteeName: "Priya",
  inviterName: "Maya Chen",
  businessName: "Juniper & Gold",
  inviteUrl: "http://localhost:3000/wholesale/invite/preview-token",
  inviteDays: 7,
} satisfies WholesaleBuyerInvitationProps;
