import { Text } from "@react-email/components";
import { ActionButton, Layout, heading, paragraph, small } from "./components/Layout";

export type StaffPasswordProps = {
  name: string;
  /** "invite": a new colleague's first password; "reset": an admin sent a new link. */
  purpose: "invite" | "reset";
  /** Who sent it, as the console names them. */
  sentBy: string;
  /** /ops/password?token=…: sets the password, once. */
  url: string;
  /** How long the link works, in minutes. */
  expiresInMinutes: number;
};

export function subject(props: StaffPasswordProps) {
  return props.purpose === "invite" ? "You're invited to Soko operations" : "Choose a new password for Soko operations";
}

function lifetime(minutes: number) {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} day${minutes === 24 * 60 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minutes`;
}

export default function StaffPassword(props: StaffPasswordProps) {
  const invite = props.purpose === "invite";
  return (
    <Layout preview={invite ? "Choose a password to start using Soko operations" : "A link to choose a new password"}>
      <Text style={heading}>Hello {props.name},</Text>
      <Text style={paragraph}>
        {invite
          ? `${props.sentBy} added you to Soko's operations console. Choose a password to sign in.`
          : `${props.sentBy} sent you a link to choose a new password for Soko's operations console. Your old password no longer works once you choose a new one.`}
      </Text>
      <ActionButton href={props.url}>{invite ? "Choose your password" : "Choose a new password"}</ActionButton>
      <Text style={small}>This link works once and for {lifetime(props.expiresInMinutes)}. A newer link turns this one off.</Text>
      <Text style={small}>If you weren't expecting this, tell your Soko admin and ignore this email.</Text>
      <Text style={small}>{props.url}</Text>
    </Layout>
  );
}

StaffPassword.PreviewProps = {
  name: "Wanjiru",
  purpose: "invite",
  sentBy: "Operations Admin",
  url: "http://localhost:3000/ops/password?token=preview-token",
  expiresInMinutes: 7 * 24 * 60,
} satisfies StaffPasswordProps;
